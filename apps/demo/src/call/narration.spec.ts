import { clockText, Narrator } from './narration';
import { codeResendAt } from './customer-payment';

describe('the demo call narration', () => {
  it('shows call-clock times right-aligned in seconds with one decimal', () => {
    expect(clockText(0)).toBe('  +0.0 s');
    expect(clockText(3240)).toBe('  +3.2 s');
    expect(clockText(61_080)).toBe(' +61.1 s');
  });

  it('writes set-up lines without a time and call lines with the time since dialling', () => {
    const lines: string[] = [];
    const narrator = new Narrator((line) => lines.push(line), { fast: true });
    narrator.step('signed in');
    narrator.startClock();
    narrator.step('dialled');
    narrator.detail('more');
    expect(lines[0]).toBe('          signed in');
    expect(lines[1]).toMatch(/^ {2}\+0\.\d s {2}dialled$/);
    expect(lines[2]).toBe('          more');
  });

  it('reads the resend time from a refusal', () => {
    expect(codeResendAt('another code may be sent after 2025-03-14T01:27:53.589Z')?.toISOString()).toBe('2025-03-14T01:27:53.589Z');
    expect(codeResendAt('at most 5 codes an hour for one number')).toBeUndefined();
  });
});
