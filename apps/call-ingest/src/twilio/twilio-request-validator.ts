import { getSignatureAlgorithm, SIGNATURE_SETTINGS_HEADER, validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { IncomingHttpHeaders } from 'node:http';

/** Form parameters as Express parses them: a repeated key becomes an array. */
export type TwilioParams = Record<string, string | string[]>;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether a request (voice webhook or media upgrade) was signed by Twilio, decided by the official
 * `twilio` package's own `validateRequest`, so our answer is Twilio's: the URL with and without its
 * default port, repeated parameters, and the algorithm the `X-Twilio-Webhooks-Signature-Settings`
 * header names (HMAC-SHA1 with the auth token by default, HMAC-SHA256 for SharedKey webhooks).
 * `url` is the public URL Twilio called (PUBLIC_URL plus the request's path and query).
 */
export function isSignedByTwilio(authToken: string, url: string, params: TwilioParams, headers: IncomingHttpHeaders): boolean {
  const signature = header(headers, 'x-twilio-signature');
  if (!signature) return false;
  const algorithm = getSignatureAlgorithm(header(headers, SIGNATURE_SETTINGS_HEADER) ?? '');
  return validateRequest(authToken, signature, url, params, algorithm);
}
