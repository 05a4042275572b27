import { mintStreamToken, STREAM_TOKEN_PARAMETER } from '../twilio/stream-token';
import { callerIdentifiedV1, matchesFoundV1, transcriptUpdatedV1 } from '@callcart/contracts';
import { MessageBus, type Listening } from '@callcart/messaging';
import { silentFrames, TwilioMediaClient, twilioSignature, type MediaSocketClose } from '@callcart/telephony';

/** One line of what happened in the simulated call, at a time relative to the call's start. */
export interface SimulatedCallEvent {
  readonly atMs: number;
  readonly type:
    | 'call-started'
    | 'audio-sent'
    | 'dtmf-sent'
    | 'call-stopped'
    | 'socket-closed'
    | 'transcript'
    | 'matches'
    | 'caller-identified'
    | 'listening'
    | 'warning';
  readonly [detail: string]: unknown;
}

export interface SimulatedCallOptions {
  readonly url: string;
  readonly from: string;
  readonly to: string;
  /** The caller's audio, 160-byte µ-law frames. */
  readonly frames: readonly Uint8Array[];
  /** Keypad digits pressed after speaking. */
  readonly dtmf: string;
  /** Real-time pace (20 ms per frame) or as fast as the socket takes them. */
  readonly pace: 'realtime' | 'fast';
  /** How long to keep listening for transcripts and matches after `stop`. */
  readonly settleMs: number;
  /** Sign the upgrade as Twilio does (call-ingest with TWILIO_AUTH_TOKEN): the token and the URL it expects signed. */
  readonly signing?: { readonly authToken: string; readonly streamUrl: string };
  /** Where to listen for what the system made of the call; none: nothing is listened to. */
  readonly nats?: { readonly url: string; readonly prefix?: string; readonly user?: string; readonly password?: string };
}

export interface SimulatedCallResult {
  readonly callId: string;
  readonly framesSent: number;
  readonly digitsSent: number;
  readonly close: MediaSocketClose;
}

/** Silence between keypad digits: 240 ms, about a human's key rhythm. */
const FRAMES_BETWEEN_DIGITS = 12;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function listen(bus: MessageBus, callId: string, emit: (event: Omit<SimulatedCallEvent, 'atMs'>) => void): Promise<Listening[]> {
  return Promise.all([
    bus.subscribe(
      transcriptUpdatedV1,
      (t) => emit({ type: 'transcript', kind: t.kind, text: t.text, utteranceId: t.utteranceId, startMs: t.startMs, ...(t.kind === 'final' ? { endMs: t.endMs, alternatives: t.alternatives } : { stability: t.stability }) }),
      { callId },
    ),
    bus.subscribe(matchesFoundV1, (m) => emit({ type: 'matches', mention: m.mention, quantity: m.quantity, total: m.total, hits: m.hits, source: m.source }), { callId }),
    bus.subscribe(callerIdentifiedV1, (c) => emit({ type: 'caller-identified', ...c }), { callId }),
  ]);
}

/**
 * Plays one phone call against call-ingest's media WebSocket, as Twilio would, and reports what
 * the system made of it (transcripts, product matches, caller identification from NATS) through
 * `emit`, times relative to the `start` message. Transcripts appear only if a speech service
 * runs; without one the call still completes and the result says what was sent.
 */
export async function simulateCall(options: SimulatedCallOptions, emit: (event: SimulatedCallEvent) => void): Promise<SimulatedCallResult> {
  let startedAt = performance.now();
  const report = (event: Omit<SimulatedCallEvent, 'atMs'>) => emit({ atMs: Math.round(performance.now() - startedAt), ...event } as SimulatedCallEvent);
  const headers = options.signing ? { 'X-Twilio-Signature': twilioSignature(options.signing.authToken, options.signing.streamUrl, {}) } : undefined;
  const client = await TwilioMediaClient.connect(options.url, { headers });
  let bus: MessageBus | undefined;
  const listenings: Listening[] = [];
  let natsProblem: string | undefined;
  try {
    if (options.nats) {
      try {
        bus = await MessageBus.connect({ servers: options.nats.url.split(','), prefix: options.nats.prefix, user: options.nats.user, password: options.nats.password, serviceName: 'call-simulator', streams: [] });
        listenings.push(...(await listen(bus, client.callSid, report)));
      } catch (error) {
        natsProblem = (error as Error).message;
      }
    }
    client.sendConnected();
    startedAt = performance.now();
    // As Twilio would from the voice webhook's TwiML: the stream token call-ingest mints for this call.
    const token: Record<string, string> = options.signing
      ? { [STREAM_TOKEN_PARAMETER]: mintStreamToken(options.signing.authToken, client.callSid, Date.now()) }
      : {};
    client.sendStart({ from: options.from, to: options.to, ...token });
    report({ type: 'call-started', callId: client.callSid, from: options.from, to: options.to, url: options.url });
    if (options.nats && natsProblem === undefined) report({ type: 'listening', nats: options.nats.url, prefix: options.nats.prefix ?? null });
    if (natsProblem !== undefined) report({ type: 'warning', message: `not listening on NATS: ${natsProblem}` });

    const digits = [...options.dtmf];
    const schedule: (Uint8Array | string)[] = [...options.frames];
    for (const digit of digits) schedule.push(digit, ...silentFrames(FRAMES_BETWEEN_DIGITS));
    let framesSent = 0;
    let audioReported = false;
    for (const item of schedule) {
      if (!client.isOpen) break;
      if (typeof item === 'string') {
        if (!audioReported) {
          report({ type: 'audio-sent', frames: framesSent, audioMs: client.audioMs });
          audioReported = true;
        }
        client.sendDtmf(item);
        report({ type: 'dtmf-sent', digit: item });
        continue;
      }
      if (options.pace === 'realtime') {
        const dueAt = startedAt + client.audioMs;
        const wait = dueAt - performance.now();
        if (wait > 1) await sleep(wait);
      } else if (client.bufferedAmount > 256 * 1024) {
        while (client.isOpen && client.bufferedAmount > 64 * 1024) await sleep(1);
      }
      client.sendMedia(item);
      framesSent += 1;
    }
    if (!audioReported) report({ type: 'audio-sent', frames: framesSent, audioMs: client.audioMs });
    if (client.isOpen) {
      client.sendStop();
      report({ type: 'call-stopped', frames: framesSent, audioMs: client.audioMs });
    }
    // call-ingest closes the socket after stop; hang up ourselves if it does not within 2 s.
    const hangUp = setTimeout(() => void client.close(), 2000);
    const close = await client.closed;
    clearTimeout(hangUp);
    report({ type: 'socket-closed', code: close.code, reason: close.reason });
    if (bus && options.settleMs > 0) await sleep(options.settleMs);
    return { callId: client.callSid, framesSent, digitsSent: digits.length, close };
  } finally {
    await client.close();
    for (const listening of listenings) await listening.stop();
    await bus?.close();
  }
}
