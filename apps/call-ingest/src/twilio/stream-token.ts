import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long after the voice webhook the media stream may start with the token it was given. */
export const STREAM_TOKEN_LIFETIME_MS = 60_000;

/** The `<Stream>` parameter that carries the token (it comes back in `start.customParameters`). */
export const STREAM_TOKEN_PARAMETER = 'streamToken';

/** Why a stream token was not accepted. */
export type StreamTokenProblem = 'missing' | 'malformed' | 'expired' | 'forged';

function mac(secret: string, callSid: string, expiresAtMs: number): string {
  // A key of its own, derived from the auth token, so a stream token is never a valid webhook signature.
  const key = createHmac('sha256', secret).update('callcart media stream token v1').digest();
  return createHmac('sha256', key).update(`${callSid}.${expiresAtMs}`).digest('base64url');
}

/**
 * Mints the token the voice webhook hands Twilio for one call's media stream: `v1.<expiry>.<mac>`,
 * an HMAC over the CallSid and the expiry. Twilio signs the media upgrade over the stream URL
 * only (no nonce, no CallSid), so a captured upgrade signature would open any number of sockets;
 * the token binds the stream to the call it was issued for and to a short lifetime, and the
 * stream admission makes each call's stream single-use.
 */
export function mintStreamToken(secret: string, callSid: string, nowMs: number): string {
  const expiresAtMs = nowMs + STREAM_TOKEN_LIFETIME_MS;
  return `v1.${expiresAtMs}.${mac(secret, callSid, expiresAtMs)}`;
}

/** Checks a stream token against the CallSid of the `start` that carries it. */
export function checkStreamToken(secret: string, callSid: string, token: string | undefined, nowMs: number): StreamTokenProblem | undefined {
  if (!token) return 'missing';
  const match = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'malformed';
  const expiresAtMs = Number(match[1]);
  const expected = Buffer.from(mac(secret, callSid, expiresAtMs));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  if (nowMs > expiresAtMs) return 'expired';
  return undefined;
}
