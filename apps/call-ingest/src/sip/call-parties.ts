import { normaliseCallerIdentity } from '../twilio/caller-identity';
import type { CallParties } from './sip-call';
import { header, uriOf, type SipRequest } from './sip-message';

/** `Privacy` values that withhold the caller's identity (RFC 3323/3325). */
const WITHHOLDING = /\b(id|user|header)\b/i;

/**
 * Who calls and what they dialled: the caller from `P-Asserted-Identity` (what a trusted trunk
 * asserts) or else `From`; withheld (`anonymous`, as the Twilio path passes it) when the caller
 * asked for privacy or the identity is anonymous. The dialled number from the Request-URI's user
 * part, or else `To` (a PBX may send the INVITE to our bare address).
 */
export function readCallParties(invite: SipRequest): CallParties {
  const asserted = header(invite, 'p-asserted-identity');
  const privacy = header(invite, 'privacy') ?? '';
  const caller = WITHHOLDING.test(privacy) ? 'anonymous' : normaliseCallerIdentity(asserted ?? header(invite, 'from') ?? '');
  const requestUser = /^(?:sips?|tel):([^@;?]+)@/i.exec(invite.uri)?.[1];
  const dialled = requestUser ? normaliseCallerIdentity(uriOf(invite.uri)) : normaliseCallerIdentity(header(invite, 'to') ?? '');
  return { callerNumber: caller === '' ? 'anonymous' : caller, dialledNumber: dialled };
}
