import { keyFromSipInfo, TelephoneEventReader } from './telephone-event';

const event = (key: number, end: boolean, duration: number) => Buffer.from([key, end ? 0x8a : 0x0a, duration >> 8, duration & 0xff]);

describe('keypad events (RFC 4733)', () => {
  it('reports each press once, however many updates and repeated end packets come', () => {
    const reader = new TelephoneEventReader();
    const press = (timestamp: number, key: number) =>
      [event(key, false, 160), event(key, false, 320), event(key, false, 480), event(key, true, 640), event(key, true, 640), event(key, true, 640)].map((payload) =>
        reader.read(timestamp, payload),
      );
    expect(press(8000, 5).filter(Boolean)).toEqual(['5']);
    expect(press(16000, 5).filter(Boolean)).toEqual(['5']); // the same key again is a new press
    expect(press(24000, 10).filter(Boolean)).toEqual(['*']);
    expect(press(32000, 11).filter(Boolean)).toEqual(['#']);
  });

  it('reports a press whose start packets were lost, from its end packet', () => {
    const reader = new TelephoneEventReader();
    expect([reader.read(4000, event(3, true, 800)), reader.read(4000, event(3, true, 800))]).toEqual(['3', undefined]);
  });

  it('ignores events that are not keys and payloads too short', () => {
    const reader = new TelephoneEventReader();
    expect(reader.read(1, event(16, true, 160))).toBeUndefined();
    expect(reader.read(2, Buffer.from([1, 2]))).toBeUndefined();
  });
});

describe('keypad by SIP INFO', () => {
  it.each([
    ['application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n', '5'],
    ['application/dtmf-relay', 'Signal= *\r\n', '*'],
    ['Application/DTMF-Relay; charset=utf-8', 'signal=11\r\nDuration=100', '#'],
    ['application/dtmf', '9', '9'],
    ['application/dtmf-relay', 'Duration=160', undefined],
    ['application/dtmf-relay', 'Signal=Z', undefined],
    ['text/plain', 'Signal=5', undefined],
  ])('%s %j → %s', (type, body, key) => {
    expect(keyFromSipInfo(type, body)).toBe(key);
  });
});
