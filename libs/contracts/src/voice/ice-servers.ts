import { z } from 'zod';

const iceUrl = z.string().regex(/^(stun|stuns|turn|turns):\S+$/, 'a stun:, stuns:, turn: or turns: URL');

/**
 * One STUN or TURN server as a browser's `RTCPeerConnection` and the voice service's peer both
 * take it (`{ urls, username?, credential? }`).
 */
export const iceServerSchema = z.object({
  urls: z.union([iceUrl, z.array(iceUrl).min(1)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const iceServersSchema = z.array(iceServerSchema).max(8);

/**
 * The `ICE_SERVERS` variable the voice service and the gateway both read (one value, so the
 * desk and the voice service gather through the same STUN/TURN servers): a JSON list of
 * {@link iceServerSchema}; unset means none (host candidates only, enough on one network).
 */
export const iceServersJsonSchema = z
  .string()
  .default('[]')
  .transform((json, context): IceServer[] => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      context.addIssue({ code: 'custom', message: 'not JSON, e.g. [{"urls":"stun:stun.example.com:3478"}]' });
      return z.NEVER;
    }
    const parsed = iceServersSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    context.addIssue({ code: 'custom', message: `not a list of {urls, username?, credential?}: ${parsed.error.issues[0]?.message}` });
    return z.NEVER;
  });
