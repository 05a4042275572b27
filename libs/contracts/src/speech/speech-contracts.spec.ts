import { casesBySubject, expectCaseRoundTrips, expectRejectedAt } from '../round-trip.spec-helper';
import { finalTranscript, interimTranscript, speechCases } from './fixtures';
import { transcriptUpdatedV1 } from './transcript-updated.v1';

const { schema } = transcriptUpdatedV1;

describe('speech contracts', () => {
  it('publishes transcripts per call on core NATS', () => {
    expect(transcriptUpdatedV1).toMatchObject({
      subject: 'speech.transcript.updated.v1',
      scope: 'call',
      delivery: 'core',
    });
  });

  it.each(casesBySubject(speechCases))('%s round-trips over the wire', (_subject, example) => {
    expectCaseRoundTrips(example);
  });

  it('tells interim from final by kind', () => {
    expect(schema.parse(interimTranscript.payload).kind).toBe('interim');
    expect(schema.parse(finalTranscript.payload).kind).toBe('final');
    expectRejectedAt(schema, { ...interimTranscript.payload, kind: 'partial' }, ['kind']);
  });

  it('refuses a stability outside 0..1', () => {
    expectRejectedAt(schema, { ...interimTranscript.payload, stability: 1.2 }, ['stability']);
  });

  it('refuses a final transcript without its n-best or with a confidence above 1', () => {
    expectRejectedAt(schema, { ...finalTranscript.payload, alternatives: [] }, ['alternatives']);
    const alternatives = [{ text: finalTranscript.payload.text, confidence: 1.5 }];
    expectRejectedAt(schema, { ...finalTranscript.payload, alternatives }, ['alternatives', 0, 'confidence']);
  });

  it('requires the first alternative to be the text', () => {
    const alternatives = [{ text: '我要两瓶金龙玉花生油', confidence: 0.5 }];
    expectRejectedAt(schema, { ...finalTranscript.payload, alternatives }, ['alternatives', 0, 'text']);
  });

  it('refuses a final transcript that ends before it starts', () => {
    expectRejectedAt(schema, { ...finalTranscript.payload, endMs: 1000 }, ['endMs']);
  });

  it('refuses a call id that would break the per-call subject', () => {
    expectRejectedAt(schema, { ...interimTranscript.payload, callId: 'CA.1' }, ['callId']);
  });

  it('refuses a language the catalogue is not written in', () => {
    expectRejectedAt(schema, { ...interimTranscript.payload, language: 'fr' }, ['language']);
  });
});
