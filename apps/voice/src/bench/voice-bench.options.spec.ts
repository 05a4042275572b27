import { parseVoiceBenchOptions } from './voice-bench.options';

describe('bench:voice options', () => {
  it('defaults to 100 calls for 20 s, as the goal is set', () => {
    expect(parseVoiceBenchOptions([])).toEqual({ calls: 100, seconds: 20, json: false });
  });

  it('reads a quick smoke run', () => {
    expect(parseVoiceBenchOptions(['--calls', '2', '--seconds', '1', '--json'])).toEqual({ calls: 2, seconds: 1, json: true });
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => parseVoiceBenchOptions(['--calls', '0'])).toThrow(/positive whole number/);
    expect(() => parseVoiceBenchOptions(['--calls', 'many'])).toThrow(/positive whole number/);
    expect(() => parseVoiceBenchOptions(['--loud'])).toThrow(/unknown option/);
  });
});
