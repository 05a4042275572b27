import type { Language } from '@callcart/contracts';
import type { SearchEngine, SearchHit } from '../search/search-engine';
import { itemNumberSpans, readItemNumber } from './item-number.reader';
import { type MentionExtractionOptions, extractMentions } from './mention-extraction';

/** What the recogniser heard: its best transcript, its n-best alternatives, the call's language. */
export interface MatcherUtterance {
  readonly text: string;
  readonly alternatives?: readonly string[];
  readonly language?: Language;
}

export interface MatcherOptions {
  /** How many hits to return per mention. */
  readonly limit: number;
  /** At most this many candidates → `ask` (read them out); more → `item-number` (the method's 5–10). */
  readonly confirmListMax: number;
}

/** The candidates for one product the caller mentioned, and how the agent should confirm it. */
export interface MentionMatch {
  readonly mention: string;
  readonly quantity: number;
  readonly hits: readonly SearchHit[];
  readonly total: number;
  readonly confirmationMode: 'ask' | 'item-number';
  /** `item-number` when the mention was an item number read out or keyed in, matched exactly. */
  readonly kind: 'text' | 'item-number';
}

/**
 * Speech → products: the one matcher the catalogue service and match-eval both run. Finds the
 * mentions in an utterance, reads quantities, tries a spoken item number exactly, and otherwise
 * searches the engine with the mention and the same span of each recogniser alternative.
 */
export class ProductMatcher {
  /** @param extraction `carrierLists: false` only to measure the matcher without its phrase lists (match-eval). */
  constructor(
    private readonly engine: SearchEngine,
    private readonly extraction: MentionExtractionOptions = { carrierLists: true },
  ) {}

  async match(utterance: MatcherUtterance, options: MatcherOptions): Promise<MentionMatch[]> {
    const language = utterance.language;
    const spoken = await this.findSpokenItemNumber(String(utterance.text ?? ''));
    if (spoken) return [{ mention: spoken.mention, quantity: 1, kind: 'item-number', ...this.confirm([spoken.hit], 1, options) }];
    const mentions = extractMentions(String(utterance.text ?? ''), language, this.extraction);
    const alternativeMentions = (utterance.alternatives ?? []).slice(0, 5).map((alternative) => extractMentions(String(alternative ?? ''), language, this.extraction));
    const matches: MentionMatch[] = [];
    for (const [index, mention] of mentions.entries()) {
      const byItemNumber = await this.findItemNumber(mention.text);
      if (byItemNumber) {
        matches.push({ mention: mention.text, quantity: mention.quantity, kind: 'item-number', ...this.confirm([byItemNumber], 1, options) });
        continue;
      }
      const alternatives = alternativeMentions
        .map((list) => (list.length === mentions.length ? list[index]?.text : mentions.length === 1 ? list.map((entry) => entry.text).join(' ') : undefined))
        .filter((text): text is string => text !== undefined && text !== '' && text !== mention.text);
      if (mention.widerText) alternatives.push(mention.widerText);
      const result = await this.engine.search({ text: mention.text, alternatives, language, limit: Math.max(1, options.limit) });
      matches.push({ mention: mention.text, quantity: mention.quantity, kind: 'text', ...this.confirm(result.hits, result.total, options) });
    }
    return matches;
  }

  /** A keypad entry or a spoken item number: exact match on the normalised item number, or nothing. */
  async matchItemNumber(digitsOrSpoken: string, options: MatcherOptions = { limit: 1, confirmListMax: 5 }): Promise<MentionMatch> {
    const mention = String(digitsOrSpoken ?? '').slice(0, 200).trim();
    const hit = await this.findItemNumber(mention);
    const hits = hit ? [hit] : [];
    return { mention, quantity: 1, kind: 'item-number', ...this.confirm(hits, hits.length, options) };
  }

  /** An item number said anywhere in the utterance that is exactly a catalogue item number: it outranks everything. */
  private async findSpokenItemNumber(text: string): Promise<{ mention: string; hit: SearchHit } | undefined> {
    if (/\p{Script=Han}/u.test(text)) return undefined;
    for (const reading of itemNumberSpans(text)) {
      const productId = await this.engine.findBySku(reading);
      if (productId !== undefined) return { mention: reading, hit: { productId, score: 1 } };
    }
    return undefined;
  }

  private async findItemNumber(text: string): Promise<SearchHit | undefined> {
    for (const reading of readItemNumber(text)) {
      if (!/\d/.test(reading)) continue;
      const productId = await this.engine.findBySku(reading);
      if (productId !== undefined) return { productId, score: 1 };
    }
    return undefined;
  }

  private confirm(hits: readonly SearchHit[], total: number, options: MatcherOptions): Pick<MentionMatch, 'hits' | 'total' | 'confirmationMode'> {
    return { hits: hits.slice(0, Math.max(0, options.limit)), total, confirmationMode: total <= options.confirmListMax ? 'ask' : 'item-number' };
  }
}
