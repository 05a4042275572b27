/**
 * Remembers, per utterance, which candidate lists were already published, so repeated interim
 * transcripts of one utterance publish only when the candidates change. Bounded: the oldest
 * utterances are forgotten first (an utterance lasts seconds).
 */
export class CandidateDedupe {
  private readonly published = new Map<string, Map<number, string>>();

  constructor(private readonly maxUtterances = 10_000) {}

  /**
   * True when this mention's candidates (position `mentionIndex` in utterance `utteranceKey`)
   * differ from what was last published for it; records them as published.
   */
  changed(utteranceKey: string, mentionIndex: number, signature: string): boolean {
    let mentions = this.published.get(utteranceKey);
    if (!mentions) {
      mentions = new Map();
      this.published.set(utteranceKey, mentions);
      if (this.published.size > this.maxUtterances) this.published.delete(this.published.keys().next().value as string);
    }
    if (mentions.get(mentionIndex) === signature) return false;
    mentions.set(mentionIndex, signature);
    return true;
  }
}
