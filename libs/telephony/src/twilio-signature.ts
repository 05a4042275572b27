import { createHmac } from 'node:crypto';

/** Form parameters as Express parses them: a repeated key becomes an array. */
export type WebhookParams = Record<string, string | string[] | undefined>;

/**
 * Twilio's request signature: base64(HMAC-SHA1(auth token, full URL + each POST parameter's
 * name and value, sorted by name)). The URL is the public one Twilio called (scheme, host,
 * path and query), not the one a proxy forwarded to us.
 */
export function twilioSignature(authToken: string, url: string, params: WebhookParams): string {
  let signed = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? [...value].sort() : [value]) signed += name + item;
  }
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}
