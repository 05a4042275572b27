import { type KeypadEntry, KeypadEntryCollector } from './keypad-entry.collector';

describe('keypad entry collector', () => {
  const at = (second: number) => `2026-03-14T08:00:${String(second).padStart(2, '0')}.000Z`;
  let entries: KeypadEntry[];
  let collector: KeypadEntryCollector;

  beforeEach(() => {
    jest.useFakeTimers();
    entries = [];
    collector = new KeypadEntryCollector(3000, (entry) => entries.push(entry));
  });

  afterEach(() => {
    collector.close();
    jest.useRealTimers();
  });

  it('ends an entry on # with every digit before it, per call', () => {
    '100234'.split('').forEach((digit, i) => collector.press('call-a', digit, at(i)));
    collector.press('call-b', '7', at(3));
    collector.press('call-a', '#', at(9));
    expect(entries).toEqual([{ callId: 'call-a', digits: '100234', startedAt: at(0), endedBy: 'hash' }]);
  });

  it('ends an entry after a pause, and not before', () => {
    collector.press('call-a', '4', at(0));
    jest.advanceTimersByTime(2900);
    collector.press('call-a', '2', at(3));
    jest.advanceTimersByTime(2900);
    expect(entries).toEqual([]);
    jest.advanceTimersByTime(200);
    expect(entries).toEqual([{ callId: 'call-a', digits: '42', startedAt: at(0), endedBy: 'pause' }]);
  });

  it('starts again on *, ignores A-D and drops an empty entry', () => {
    collector.press('call-a', '9', at(0));
    collector.press('call-a', '*', at(1));
    collector.press('call-a', 'A', at(2));
    collector.press('call-a', '#', at(3));
    collector.press('call-a', '5', at(4));
    collector.press('call-a', '#', at(5));
    expect(entries).toEqual([{ callId: 'call-a', digits: '5', startedAt: at(4), endedBy: 'hash' }]);
  });
});
