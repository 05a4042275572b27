import type { RecognitionSession } from '../recognition/recogniser';
import { CallAudioBuffer } from './call-audio-buffer';

function recordingSession(): RecognitionSession & { written: number[] } {
  const written: number[] = [];
  return { written, write: (frame: Uint8Array) => void written.push(frame[0]), end: async () => undefined } as unknown as RecognitionSession & { written: number[] };
}
const frame = (marker: number) => new Uint8Array(160).fill(marker);

describe('CallAudioBuffer', () => {
  it('keeps frames until the session is attached, then feeds them in order and passes later ones through', () => {
    const buffer = new CallAudioBuffer();
    buffer.write(1000, frame(1));
    buffer.write(1020, frame(2));
    expect(buffer.buffered).toBe(2);
    const session = recordingSession();
    buffer.attach(session);
    buffer.write(1040, frame(3));
    expect(session.written).toEqual([1, 2, 3]);
    expect(buffer.firstFrameMs).toBe(1000);
    expect(buffer.buffered).toBe(0);
  });

  it('turns frames lost on the way into silence, so times stay on the call clock', () => {
    const buffer = new CallAudioBuffer();
    const session = recordingSession();
    buffer.attach(session);
    buffer.write(0, frame(1));
    buffer.write(80, frame(2)); // 60 ms (three frames) never arrived
    expect(session.written).toEqual([1, 0xff, 0xff, 0xff, 2]);
  });

  it('holds at most its bound, dropping the oldest and counting them', () => {
    const buffer = new CallAudioBuffer(3);
    for (let i = 1; i <= 5; i += 1) buffer.write(i * 20, frame(i));
    const session = recordingSession();
    buffer.attach(session);
    expect(buffer.dropped).toBe(2);
    expect(session.written).toEqual([3, 4, 5]);
  });
});
