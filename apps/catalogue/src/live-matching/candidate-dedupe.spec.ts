import { CandidateDedupe } from './candidate-dedupe';

describe('candidate dedupe', () => {
  it('lets a mention through when its candidates change, and not when they repeat', () => {
    const dedupe = new CandidateDedupe();
    expect(dedupe.changed('call/u1', 0, '1|a,b')).toBe(true);
    expect(dedupe.changed('call/u1', 0, '1|a,b')).toBe(false);
    expect(dedupe.changed('call/u1', 0, '1|a')).toBe(true);
    expect(dedupe.changed('call/u1', 1, '1|a')).toBe(true);
    expect(dedupe.changed('call/u2', 0, '1|a')).toBe(true);
  });

  it('forgets the oldest utterances beyond its bound', () => {
    const dedupe = new CandidateDedupe(2);
    dedupe.changed('u1', 0, 'x');
    dedupe.changed('u2', 0, 'x');
    dedupe.changed('u3', 0, 'x');
    expect(dedupe.changed('u1', 0, 'x')).toBe(true);
    expect(dedupe.changed('u3', 0, 'x')).toBe(false);
  });
});
