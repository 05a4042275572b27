import { ConfigError } from '@callcart/service-kit';
import { loadCatalogueConfig } from './catalogue.config';

describe('catalogue configuration', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadCatalogueConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
      throw error;
    }
    return [];
  };

  it('defaults to the embedded engine, a list of 5, CNY, interims at 0.8 stability', () => {
    expect(loadCatalogueConfig({}).catalogue).toMatchObject({
      searchEngine: { kind: 'embedded' },
      confirmListMax: 5,
      defaultCurrency: 'CNY',
      stableInterimMin: 0.8,
      keypadDigitTimeoutMs: 3000,
      mentionGate: { sureScore: 0.55, orderLedScore: 0.3 },
    });
  });

  it('takes the mention gate’s bars from the environment (0 publishes every mention)', () => {
    expect(loadCatalogueConfig({ MENTION_SURE_SCORE: '0.7', MENTION_ORDER_LED_SCORE: '0' }).catalogue.mentionGate).toEqual({ sureScore: 0.7, orderLedScore: 0 });
  });

  it('needs MEILI_URL and MEILI_API_KEY for Meilisearch, naming each missing one', () => {
    expect(problemsOf({ SEARCH_ENGINE: 'meilisearch' })).toEqual(['MEILI_URL', 'MEILI_API_KEY']);
    expect(loadCatalogueConfig({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://127.0.0.1:7700', MEILI_API_KEY: 'key' }).catalogue.searchEngine).toEqual({
      kind: 'meilisearch',
      url: 'http://127.0.0.1:7700',
      apiKey: 'key',
    });
  });

  it.each([
    ['SEARCH_ENGINE', 'elastic'],
    ['CONFIRM_LIST_MAX', '0'],
    ['CONFIRM_LIST_MAX', '51'],
    ['DEFAULT_CURRENCY', 'yuan'],
    ['STABLE_INTERIM_MIN', '1.5'],
    ['KEYPAD_DIGIT_TIMEOUT_MS', 'soon'],
    ['MENTION_SURE_SCORE', '1.2'],
    ['MENTION_ORDER_LED_SCORE', 'low'],
  ])('refuses %s=%p, naming it', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([variable]);
  });
});
