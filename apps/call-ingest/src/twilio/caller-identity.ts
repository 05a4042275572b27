/** The longest caller or dialled identity accepted from a provider (SIP URIs run long). */
export const MAX_IDENTITY_LENGTH = 256;

/** What the contracts carry for a number (`rawPhoneNumberSchema`). */
const MAX_NUMBER_LENGTH = 64;

const WITHHELD = /^(anonymous|restricted|unavailable|unknown|private|withheld|\+?266696687)$/i;

/**
 * Reads a caller's or dialled identity as carriers and PBXs send it and keeps the number in it:
 * `+8613800138000`, `tel:+86-138-0013-8000`, `sip:+8613800138000@trunk.example.com;user=phone`,
 * `"Li Lei" <sip:013800138000@10.0.0.1:5060>`. A withheld caller (`anonymous`, Twilio's
 * `+266696687`) becomes `anonymous`, which the orders service reads as unidentified. Anything
 * that is not a number is cut to the contract's length, never refused: a call is never dropped
 * for the way its caller id is written.
 */
export function normaliseCallerIdentity(raw: string): string {
  let identity = raw.trim().slice(0, MAX_IDENTITY_LENGTH);
  const bracketed = /<([^>]*)>/.exec(identity);
  if (bracketed) identity = bracketed[1];
  const uri = /^(?:sips?|tel):([^@;?]*)/i.exec(identity);
  if (uri) identity = uri[1];
  identity = decodeUriComponentSafely(identity).trim();
  if (identity === '' || WITHHELD.test(identity)) return raw.trim() === '' ? '' : 'anonymous';
  const compact = identity.replace(/[\s().-]/g, '');
  if (/^\+?\d{3,20}$/.test(compact)) return compact;
  return identity.slice(0, MAX_NUMBER_LENGTH);
}

function decodeUriComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
