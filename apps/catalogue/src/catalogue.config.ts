import { z } from 'zod';
import { DEFAULT_MENTION_GATE, type MentionGateThresholds } from './live-matching/mention-gate';
import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The environment variables the catalogue service reads; see the README's configuration table. */
export const catalogueEnvSchema = baseEnvSchema
  .extend(databaseEnvSchema.shape)
  .extend(httpPortEnv(3003).shape)
  .extend({
    SEARCH_ENGINE: z.enum(['embedded', 'meilisearch']).default('embedded'),
    MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEILI_API_KEY: z.string().min(1).optional(),
    /** The method's "read out at most N candidates" threshold: 5 by default, 5-10 in practice. */
    CONFIRM_LIST_MAX: intFrom(1, 50).default(5),
    DEFAULT_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as CNY').default('CNY'),
    STABLE_INTERIM_MIN: z.coerce.number().min(0).max(1).default(0.8),
    KEYPAD_DIGIT_TIMEOUT_MS: intFrom(200, 60_000).default(3000),
    INDEX_SYNC_INTERVAL_MS: intFrom(0, 3_600_000).default(15_000),
    INDEX_REBUILD_THRESHOLD: intFrom(1, 10_000_000).default(2000),
    LIVE_MATCHING_HEARTBEAT_MS: intFrom(100, 60_000).default(1000),
    /** Decision 0047: a mention whose best hit scores this much is published; 0 publishes every mention. */
    MENTION_SURE_SCORE: z.coerce.number().min(0).max(1).default(DEFAULT_MENTION_GATE.sureScore),
    /** Decision 0047: a final's mention that follows an order phrase needs only this much. */
    MENTION_ORDER_LED_SCORE: z.coerce.number().min(0).max(1).default(DEFAULT_MENTION_GATE.orderLedScore),
  })
  .superRefine((vars, ctx) => {
    if (vars.SEARCH_ENGINE !== 'meilisearch') return;
    if (!vars.MEILI_URL) ctx.addIssue({ code: 'custom', path: ['MEILI_URL'], message: 'required when SEARCH_ENGINE=meilisearch' });
    if (!vars.MEILI_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_API_KEY'], message: 'required when SEARCH_ENGINE=meilisearch' });
    }
  });

/** Which search engine serves queries, and how to reach it. */
export type SearchEngineConfig =
  | { readonly kind: 'embedded' }
  | { readonly kind: 'meilisearch'; readonly url: string; readonly apiKey: string };

/** The catalogue's own settings, beside the shared service plumbing. */
export interface CatalogueSettings {
  readonly searchEngine: SearchEngineConfig;
  /** At most this many candidates → the agent reads them out (`ask`); more → `item-number`. */
  readonly confirmListMax: number;
  /** Currency of imported prices when a row names none. */
  readonly defaultCurrency: string;
  /** Interim transcripts at least this stable are matched; finals always are. */
  readonly stableInterimMin: number;
  /** A keypad entry ends with '#' or after this long without another digit. */
  readonly keypadDigitTimeoutMs: number;
  /** How often a replica checks the database for product changes it may have missed (0 = never). */
  readonly indexSyncIntervalMs: number;
  /** A catch-up with more changed products than this rebuilds the index instead of upserting each. */
  readonly indexRebuildThreshold: number;
  /**
   * How often a replica tells the others it is alive, for sharing calls out (decision 0013): a
   * new replica waits one period before taking calls; a crashed one is noticed after three.
   */
  readonly liveMatchingHeartbeatMs: number;
  /** When a mention found in speech is likely a product asked for, so its list goes to the agent. */
  readonly mentionGate: MentionGateThresholds;
}

export interface CatalogueConfig {
  readonly service: ServiceConfig;
  readonly catalogue: CatalogueSettings;
}

/** Reads and validates the catalogue service's configuration; throws a ConfigError naming bad variables. */
export function loadCatalogueConfig(env: Record<string, string | undefined>): CatalogueConfig {
  const vars = parseEnv('catalogue', catalogueEnvSchema, env);
  const searchEngine: SearchEngineConfig =
    vars.SEARCH_ENGINE === 'meilisearch'
      ? { kind: 'meilisearch', url: vars.MEILI_URL!, apiKey: vars.MEILI_API_KEY! }
      : { kind: 'embedded' };
  return {
    service: toServiceConfig('catalogue', vars),
    catalogue: {
      searchEngine,
      confirmListMax: vars.CONFIRM_LIST_MAX,
      defaultCurrency: vars.DEFAULT_CURRENCY,
      stableInterimMin: vars.STABLE_INTERIM_MIN,
      keypadDigitTimeoutMs: vars.KEYPAD_DIGIT_TIMEOUT_MS,
      indexSyncIntervalMs: vars.INDEX_SYNC_INTERVAL_MS,
      indexRebuildThreshold: vars.INDEX_REBUILD_THRESHOLD,
      liveMatchingHeartbeatMs: vars.LIVE_MATCHING_HEARTBEAT_MS,
      mentionGate: { sureScore: vars.MENTION_SURE_SCORE, orderLedScore: vars.MENTION_ORDER_LED_SCORE },
    },
  };
}
