import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Failure } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';

/** What a caller's number told us: a usable E.164 number, or why there is none. */
export type PhoneReading =
  | { readonly ok: true; readonly e164: string }
  | { readonly ok: false; readonly reason: 'withheld' | 'invalid' | 'unsupported' };

/** How carriers and Twilio say "the caller withheld their number". */
const WITHHELD = new Set(['', 'anonymous', 'restricted', 'private', 'unknown', 'unavailable', 'withheld', '+266696687', '266696687']);

/**
 * Normalises a number as the telephony provider gave it to E.164, reading numbers without a
 * country code as numbers of the merchant's region. Withheld numbers, SIP/client identities and
 * anything that is not a valid number for its country are told apart, so the agent's screen can
 * say why nobody was identified.
 */
export function readPhoneNumber(raw: string, region: CountryCode): PhoneReading {
  const trimmed = raw.trim();
  if (WITHHELD.has(trimmed.toLowerCase())) return { ok: false, reason: 'withheld' };
  if (/^(client|sip):/i.test(trimmed)) return { ok: false, reason: 'unsupported' };
  if (/[A-Za-z]/.test(trimmed) || !/\d/.test(trimmed)) return { ok: false, reason: 'invalid' };
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}

/** The typed refusal for a number that cannot be used, saying why. */
export function invalidPhone(raw: string, reading: Extract<PhoneReading, { ok: false }>): Failure<'INVALID_PHONE'> {
  return requestFailure('INVALID_PHONE', `"${raw}" is not a usable phone number (${reading.reason})`);
}
