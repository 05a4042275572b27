import type { SearchEngineConfig } from '../catalogue.config';
import { EmbeddedSearchEngine } from '../search/embedded-search-engine';
import { MeilisearchSearchEngine } from '../search/meilisearch-search-engine';
import type { SearchEngine } from '../search/search-engine';

/** Injection token of this replica's {@link SearchEngine}. */
export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

/**
 * The engine SEARCH_ENGINE names: the embedded in-process index (default) or Meilisearch. With
 * Meilisearch every replica shares one live index, named after the deployment's NATS prefix so
 * deployments (and test runs) on one server stay apart.
 */
export function createSearchEngine(config: SearchEngineConfig, deployment: { natsPrefix?: string } = {}): SearchEngine {
  switch (config.kind) {
    case 'embedded':
      return new EmbeddedSearchEngine();
    case 'meilisearch':
      return new MeilisearchSearchEngine({ url: config.url, apiKey: config.apiKey, indexPrefix: `catalogue_${deployment.natsPrefix ?? 'products'}` });
    default: {
      const unknown: never = config;
      throw new Error(`unknown search engine ${JSON.stringify(unknown)}`);
    }
  }
}
