import { getExpectedTwilioSignature, HMAC_SHA1, HMAC_SHA256, SIGNATURE_SETTINGS_HEADER, validateRequest } from 'twilio/lib/webhooks/webhooks';
import { createTestNats, startServiceApp, testServiceEnv, type RunningServiceApp, type TestNats } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCallIngestConfig } from '../call-ingest.config';

const authToken = 'parity-auth-token';
const path = '/twilio/voice?tenant=shop-1';

interface Case {
  readonly name: string;
  /** The PUBLIC_URL call-ingest is configured with. */
  readonly publicUrl: string;
  /** The URL Twilio signed (what the merchant typed in Twilio's console, as Twilio normalised it). */
  readonly signedUrl: string;
  readonly body: [string, string][];
  readonly algorithm?: string;
  readonly signingToken?: string;
}

const form: [string, string][] = [
  ['CallSid', 'CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c'],
  ['From', '+8613812345678'],
  ['To', '+864001234567'],
];

const CASES: Case[] = [
  { name: 'the configured URL itself', publicUrl: 'https://ingest.example.com', signedUrl: 'https://ingest.example.com', body: form },
  { name: 'PUBLIC_URL with a port', publicUrl: 'https://ingest.example.com:8443', signedUrl: 'https://ingest.example.com:8443', body: form },
  { name: 'signed with :443, configured without', publicUrl: 'https://ingest.example.com', signedUrl: 'https://ingest.example.com:443', body: form },
  { name: 'signed without the port, configured with :443', publicUrl: 'https://ingest.example.com:443', signedUrl: 'https://ingest.example.com', body: form },
  { name: 'http with :80', publicUrl: 'http://ingest.example.com', signedUrl: 'http://ingest.example.com:80', body: form },
  {
    name: 'repeated parameters',
    publicUrl: 'https://ingest.example.com',
    signedUrl: 'https://ingest.example.com',
    body: [...form, ['StirPassportToken', 'b'], ['StirPassportToken', 'a']],
  },
  { name: 'HMAC-SHA256 (SharedKey webhooks)', publicUrl: 'https://ingest.example.com', signedUrl: 'https://ingest.example.com', body: form, algorithm: HMAC_SHA256 },
  { name: 'another token', publicUrl: 'https://ingest.example.com', signedUrl: 'https://ingest.example.com', body: form, signingToken: 'not-ours' },
  { name: 'another host', publicUrl: 'https://ingest.example.com', signedUrl: 'https://evil.example.com', body: form },
  { name: 'an unknown algorithm', publicUrl: 'https://ingest.example.com', signedUrl: 'https://ingest.example.com', body: form, algorithm: 'HMAC_MD5' },
];

function paramsOf(body: [string, string][]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of body) {
    const before = params[name];
    params[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return params;
}

describe('Twilio signatures: call-ingest answers as the official twilio package validates', () => {
  let nats: TestNats;
  const apps = new Map<string, RunningServiceApp>();

  beforeAll(async () => {
    nats = await createTestNats();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix });
    for (const publicUrl of new Set(CASES.map((c) => c.publicUrl))) {
      apps.set(publicUrl, await startServiceApp(AppModule.register(loadCallIngestConfig({ ...env, TWILIO_AUTH_TOKEN: authToken, PUBLIC_URL: publicUrl }))));
    }
  });

  afterAll(async () => {
    for (const app of apps.values()) await app.close();
    await nats?.cleanup();
  });

  it.each(CASES)('$name', async (testCase) => {
    const params = paramsOf(testCase.body);
    const algorithm = testCase.algorithm ?? HMAC_SHA1;
    const signingAlgorithm = algorithm === 'HMAC_MD5' ? HMAC_SHA1 : algorithm;
    const signature = getExpectedTwilioSignature(testCase.signingToken ?? authToken, testCase.signedUrl + path, params, signingAlgorithm);
    const reference = validateRequest(authToken, signature, testCase.publicUrl + path, params, algorithm);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature };
    if (testCase.algorithm) headers[SIGNATURE_SETTINGS_HEADER] = `key=webhooks_sharedkey_test,algorithm=${testCase.algorithm}`;
    const response = await fetch(apps.get(testCase.publicUrl)!.url + path, { method: 'POST', headers, body: new URLSearchParams(testCase.body).toString() });
    expect({ status: response.status, reference }).toEqual({ status: reference ? 200 : 403, reference });
  });

  it('accepts the cases Twilio accepts and refuses the forged ones (the table is not one-sided)', () => {
    const verdicts = CASES.map((testCase) => {
      const params = paramsOf(testCase.body);
      const algorithm = testCase.algorithm ?? HMAC_SHA1;
      const signature = getExpectedTwilioSignature(testCase.signingToken ?? authToken, testCase.signedUrl + path, params, algorithm === 'HMAC_MD5' ? HMAC_SHA1 : algorithm);
      return validateRequest(authToken, signature, testCase.publicUrl + path, params, algorithm);
    });
    expect(verdicts).toEqual([true, true, true, true, true, true, true, false, false, false]);
  });
});
