import { createTestNats, startServiceApp, testServiceEnv, type RunningServiceApp, type TestNats } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCallIngestConfig } from '../call-ingest.config';
import { main as callCommand } from '../simulator/call.cli';
import { TwilioMediaClient, twilioSignature } from '@callcart/telephony';

const form = { CallSid: 'CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c', From: '+8613812345678', To: '+864001234567', AccountSid: 'AC1' };

function post(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

describe('POST /twilio/voice', () => {
  const token = 'test-auth-token';
  const publicUrl = 'https://ingest.callcart.example';
  let nats: TestNats;
  let signed: RunningServiceApp;
  let open: RunningServiceApp;

  beforeAll(async () => {
    nats = await createTestNats();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix });
    signed = await startServiceApp(AppModule.register(loadCallIngestConfig({ ...env, TWILIO_AUTH_TOKEN: token, PUBLIC_URL: `${publicUrl}/` })));
    open = await startServiceApp(AppModule.register(loadCallIngestConfig(env)));
  });

  afterAll(async () => {
    await signed?.close();
    await open?.close();
    await nats?.cleanup();
  });

  it('answers a signed webhook with TwiML connecting the media stream, numbers as parameters', async () => {
    const path = '/twilio/voice?tenant=shop-1';
    const signature = twilioSignature(token, publicUrl + path, form);
    const response = await post(signed.url + path, form, { 'X-Twilio-Signature': signature });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const twiml = await response.text();
    expect(twiml).toMatch(
      new RegExp(
        '^<\\?xml version="1.0" encoding="UTF-8"\\?><Response><Connect><Stream url="wss://ingest.callcart.example/media">' +
          '<Parameter name="from" value="\\+8613812345678"/><Parameter name="to" value="\\+864001234567"/>' +
          '<Parameter name="streamToken" value="v1\\.\\d+\\.[A-Za-z0-9_-]{43}"/></Stream></Connect><Hangup/></Response>$',
      ),
    );
  });

  it('refuses a bad, a missing, or a signature over other parameters or another URL with 403', async () => {
    const path = '/twilio/voice';
    const good = twilioSignature(token, publicUrl + path, form);
    expect((await post(signed.url + path, form, { 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect((await post(signed.url + path, form)).status).toBe(403);
    expect((await post(signed.url + path, { ...form, From: '+15550000000' }, { 'X-Twilio-Signature': good })).status).toBe(403);
    const hostSigned = twilioSignature(token, signed.url + path, form); // what a proxy-unaware check would use
    expect((await post(signed.url + path, form, { 'X-Twilio-Signature': hostSigned })).status).toBe(403);
    const metrics = await (await fetch(`${signed.url}/metrics`)).text();
    expect(metrics).toMatch(/callcart_ingest_signatures_refused_total\{endpoint="voice"[^}]*\} 4/);
  });

  it('accepts a media upgrade signed over the public stream URL and refuses others with 403', async () => {
    const mediaUrl = `${signed.url.replace(/^http/, 'ws')}/media`;
    await expect(TwilioMediaClient.connect(mediaUrl)).rejects.toThrow(/HTTP 403/);
    const hostSigned = { 'X-Twilio-Signature': twilioSignature(token, mediaUrl, {}) };
    await expect(TwilioMediaClient.connect(mediaUrl, { headers: hostSigned })).rejects.toThrow(/HTTP 403/);
    const client = await TwilioMediaClient.connect(mediaUrl, {
      headers: { 'X-Twilio-Signature': twilioSignature(token, 'wss://ingest.callcart.example/media', {}) },
    });
    client.sendStop();
    expect(await client.closed).toEqual({ code: 1000, reason: 'stream stopped' });
    const metrics = await (await fetch(`${signed.url}/metrics`)).text();
    expect(metrics).toMatch(/callcart_ingest_signatures_refused_total\{endpoint="media"[^}]*\} 2/);
  });

  it('lets the call simulator in when it signs with the token and the public stream URL', async () => {
    const mediaUrl = `${signed.url.replace(/^http/, 'ws')}/media`;
    const args = ['--from', '+8613812345678', '--say', 'hello', '--url', mediaUrl, '--fast', '--no-nats'];
    const lines: string[] = [];
    const env = { TWILIO_AUTH_TOKEN: token };
    expect(await callCommand([...args, '--signed-url', 'wss://ingest.callcart.example/media'], env, (line) => lines.push(line))).toBe(0);
    expect(lines.some((line) => line.includes('reason=stream stopped'))).toBe(true);
    await expect(callCommand(args, env, () => undefined)).rejects.toThrow(/HTTP 403/);
  });

  it('without TWILIO_AUTH_TOKEN answers unsigned webhooks, pointing at its own address, escaping the numbers', async () => {
    const response = await post(`${open.url}/twilio/voice`, { ...form, From: '"O\'Brien & Co" <sip:o&b@pbx>' });
    expect(response.status).toBe(200);
    const twiml = await response.text();
    expect(twiml).toContain(`<Stream url="${open.url.replace('http', 'ws')}/media">`);
    expect(twiml).toContain('<Parameter name="from" value="o&amp;b"/>');
    expect(twiml).not.toContain('streamToken');
  });

  it('answers 400 with a code to a From or To that is not one text (form arrays and objects)', async () => {
    for (const body of ['CallSid=CA1&From[x]=1&To=%2B864001234567', 'CallSid=CA1&From=%2B1&From=%2B2', 'CallSid=CA1&To[0]=a&To[1]=b']) {
      const response = await fetch(`${open.url}/twilio/voice`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toMatchObject({ code: 'INVALID_WEBHOOK_FIELD', message: expect.stringMatching(/^the field (From|To)/) });
    }
  });

  it('refuses to start with a PUBLIC_URL that is not http(s), naming the variable', () => {
    expect(() => loadCallIngestConfig({ PUBLIC_URL: 'ftp://ingest' })).toThrow(/PUBLIC_URL/);
    expect(() => loadCallIngestConfig({ MEDIA_MAX_FRAME_BYTES: '12' })).toThrow(/MEDIA_MAX_FRAME_BYTES/);
  });
});
