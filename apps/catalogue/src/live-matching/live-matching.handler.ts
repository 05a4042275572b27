import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  keypadDigitV1,
  matchesFoundV1,
  transcriptUpdatedV1,
  type MatchesFoundV1,
  type ProductHit,
  type TranscriptUpdatedV1,
} from '@callcart/contracts';
import { type Listening, MessageBus } from '@callcart/messaging';
import { claimInboxMessage } from '@callcart/service-kit';
import { confirmationModeFor } from '../api/confirmation-mode';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { REPLICA_ID } from '../indexing/reindex-reporter';
import { nameBasedUuid } from '../products/name-based-uuid';
import { ProductMatcher } from '../matching/product-matcher';
import { toProductHit } from '../products/product-views';
import type { SearchHit } from '../search/search-engine';
import { CallPartition, type ReplicaHeartbeat } from './call-partition';
import { CandidateDedupe } from './candidate-dedupe';
import { PerCallQueue } from './per-call-queue';
import { type KeypadEntry, KeypadEntryCollector } from './keypad-entry.collector';
import { isLikelyProductMention, isNumbersOnly, isOneContentWord, isOrderLed } from './mention-gate';

/**
 * Matches what callers say and key in to products, live, and publishes `matchesFoundV1` per
 * mention for the agent's screen.
 *
 * - Transcripts: every replica hears them all and matches those of the calls it owns
 *   ({@link CallPartition}, decision 0013), one at a time per call, so a call's lists leave in
 *   the order of its transcripts and carry the transcript's `sequence`. Finals are matched
 *   with their n-best alternatives; interims only once `stability >= STABLE_INTERIM_MIN`. A
 *   mention is published only when its candidates (or quantity) differ from what was last
 *   published for that utterance, so repeated partials do not flood the agent. A mention whose
 *   evidence is too weak to be a product the caller asked for is not published at all
 *   ({@link isLikelyProductMention}, decision 0047).
 * - Keypad digits: every replica hears every digit (no queue group), because an entry's digits
 *   must be collected in one place; the replica that first claims the finished entry in the
 *   database inbox publishes it, so it is published once.
 */
@Injectable()
export class LiveMatchingHandler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveMatchingHandler.name);
  private readonly dedupe = new CandidateDedupe();
  private readonly keypad: KeypadEntryCollector;
  private readonly partition: CallPartition;
  private readonly inCallOrder = new PerCallQueue((callId, error) => this.logger.error({ msg: 'transcript not matched', callId, err: error }));
  private transcripts: Listening | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly index: CatalogueIndex,
    private readonly dataSource: DataSource,
    private readonly matcher: ProductMatcher,
    @Inject(CATALOGUE_SETTINGS) private readonly settings: CatalogueSettings,
    @Inject(REPLICA_ID) replicaId: string,
  ) {
    this.keypad = new KeypadEntryCollector(settings.keypadDigitTimeoutMs, (entry) => {
      this.onKeypadEntry(entry).catch((error: unknown) => this.logger.error({ msg: 'keypad entry not matched', callId: entry.callId, err: error }));
    });
    const members = bus.keyValue<ReplicaHeartbeat>('catalogue-live-matching', { ttlMs: 60_000 });
    this.partition = new CallPartition(members, replicaId, { heartbeatMs: settings.liveMatchingHeartbeatMs });
  }

  async onModuleInit(): Promise<void> {
    await this.partition.start();
    this.transcripts = await this.bus.subscribe(transcriptUpdatedV1, (transcript) => {
      if (this.partition.owns(transcript.callId)) void this.inCallOrder.run(transcript.callId, () => this.onTranscript(transcript));
    });
    await this.bus.subscribe(keypadDigitV1, ({ callId, digit, pressedAt }) => this.keypad.press(callId, digit, pressedAt));
  }

  /** Whether this replica matches the call's transcripts now (for operators and tests). */
  ownsCall(callId: string): boolean {
    return this.partition.owns(callId);
  }

  async onApplicationShutdown(): Promise<void> {
    this.keypad.close();
    await this.partition.stop();
    await this.transcripts?.stop();
  }

  private async onTranscript(transcript: TranscriptUpdatedV1): Promise<void> {
    // The agent's words (a read-back, a question) name products too, but only what the caller
    // asks for is a candidate to confirm (issue 12).
    if (transcript.speaker === 'agent') return;
    if (transcript.kind === 'interim' && transcript.stability < this.settings.stableInterimMin) return;
    if (transcript.text.trim() === '') return;
    const alternatives = transcript.kind === 'final' ? transcript.alternatives.slice(1).map((alternative) => alternative.text) : [];
    const mentions = await this.matcher.match(
      { text: transcript.text, alternatives, language: transcript.language },
      { limit: this.settings.confirmListMax, confirmListMax: this.settings.confirmListMax },
    );
    const utteranceKey = `${transcript.callId}/${transcript.utteranceId}`;
    const orderLed = isOrderLed(transcript.text);
    for (const [position, mention] of mentions.entries()) {
      // Speech that names no product still comes out as catalogue words: only likely mentions go to the agent (decision 0047).
      if (!isLikelyProductMention({ kind: mention.kind, topScore: mention.hits[0]?.score, orderLed, numbersOnly: isNumbersOnly(mention.mention), oneContentWord: isOneContentWord(mention.mention), final: transcript.kind === 'final' }, this.settings.mentionGate)) continue;
      const hits = this.productHits(mention.hits);
      const signature = `${mention.quantity}|${hits.map((hit) => hit.productId).join(',')}`;
      if (!this.dedupe.changed(utteranceKey, position, signature)) continue;
      await this.publish({
        callId: transcript.callId,
        utteranceId: transcript.utteranceId,
        mention: mention.mention.trim().slice(0, 500) || transcript.text.trim().slice(0, 500),
        quantity: Math.max(1, Math.floor(mention.quantity)),
        hits,
        total: Math.max(mention.total, hits.length),
        source: 'speech',
        ...(transcript.sequence === undefined ? {} : { sequence: transcript.sequence }),
      });
    }
  }

  private async onKeypadEntry(entry: KeypadEntry): Promise<void> {
    const claimed = await this.dataSource.transaction((manager) => claimInboxMessage(manager, 'catalogue.keypad-entry', entryMessageId(entry)));
    if (!claimed) return;
    const match = await this.matcher.matchItemNumber(entry.digits);
    const hits = this.productHits(match.hits);
    await this.publish({
      callId: entry.callId,
      utteranceId: `keypad-${Date.parse(entry.startedAt) || 0}`,
      mention: entry.digits,
      quantity: 1,
      hits,
      total: hits.length,
      source: 'keypad',
    });
  }

  private productHits(hits: readonly SearchHit[]): ProductHit[] {
    return hits.slice(0, 50).flatMap((hit) => {
      const product = this.index.product(hit.productId);
      return product ? [toProductHit(product, hit.score)] : [];
    });
  }

  /** The mode follows the total actually published (a hit whose product just left the index is dropped). */
  private async publish(found: Omit<MatchesFoundV1, 'confirmationMode'>): Promise<void> {
    await this.bus.publish(matchesFoundV1, { ...found, confirmationMode: confirmationModeFor(found.total, this.settings.confirmListMax) });
  }
}

/** The same entry gets the same id on every replica: call, first key's time, digits. */
function entryMessageId(entry: KeypadEntry): string {
  return nameBasedUuid(`keypad:${entry.callId}:${entry.startedAt}:${entry.digits}`);
}
