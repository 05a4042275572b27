import { z } from 'zod';
import { iceServersJsonSchema, type IceServer } from '@callcart/contracts';
import { baseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** Injection token of the voice service's {@link VoiceConfig}. */
export const VOICE_CONFIG = Symbol('VOICE_CONFIG');

/** The environment variables the voice service reads; see the README's configuration table. */
export const voiceEnvSchema = baseEnvSchema.extend(httpPortEnv(3005).shape).extend({
  ICE_SERVERS: iceServersJsonSchema,
  AGENT_AUDIO_LOSS_MS: z.coerce.number().int().min(500).max(600_000).default(5000),
  /** How long a missing packet of the agent's is waited for before its time is filled with silence. */
  VOICE_REORDER_WINDOW_MS: z.coerce.number().int().min(0).max(500).default(40),
  /** Local UDP ports for the agents' media (`40000-40999`); unset: any free port. */
  VOICE_UDP_PORTS: z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, 'a range like 40000-40999')
    .optional()
    .transform((range) => (range ? (range.split('-').map(Number) as [number, number]) : undefined))
    .refine((range) => !range || (range[0] >= 1024 && range[0] <= range[1] && range[1] <= 65535), 'ports 1024-65535, low-high'),
});

export interface VoiceConfig {
  readonly service: ServiceConfig;
  /** STUN/TURN servers the voice service's peers gather candidates with. */
  readonly iceServers: readonly IceServer[];
  /** An agent silent (no RTP) this long is reported lost and their connection closed. */
  readonly agentAudioLossMs: number;
  readonly reorderWindowMs: number;
  readonly udpPorts?: readonly [number, number];
}

/** Reads and validates the voice service's configuration; throws a ConfigError naming bad variables. */
export function loadVoiceConfig(env: Record<string, string | undefined>): VoiceConfig {
  const vars = parseEnv('voice', voiceEnvSchema, env);
  return {
    service: toServiceConfig('voice', vars),
    iceServers: vars.ICE_SERVERS,
    agentAudioLossMs: vars.AGENT_AUDIO_LOSS_MS,
    reorderWindowMs: vars.VOICE_REORDER_WINDOW_MS,
    udpPorts: vars.VOICE_UDP_PORTS,
  };
}
