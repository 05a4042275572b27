import { AudioLossWatchdog } from './audio-loss.watchdog';

describe('AudioLossWatchdog', () => {
  it('reports once when no packet came for the limit, counted from the last one heard', () => {
    const watchdog = new AudioLossWatchdog(5000, 0);
    watchdog.heard(3000);
    expect(watchdog.check(7999)).toBeUndefined();
    expect(watchdog.check(8000)).toBe(5000);
    expect(watchdog.check(20_000)).toBeUndefined();
  });

  it('reports a connection that never sent anything, counted from its start', () => {
    const watchdog = new AudioLossWatchdog(1000, 500);
    expect(watchdog.check(1499)).toBeUndefined();
    expect(watchdog.check(1600)).toBe(1100);
  });
});
