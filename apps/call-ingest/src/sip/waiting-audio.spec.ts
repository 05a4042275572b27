import { CallerPlayout } from './caller-playout';
import { PromptWaitingAudio } from './waiting-audio';

const frameOf = (byte: number, frames = 1) => new Uint8Array(160 * frames).fill(byte);

describe('a SIP caller waiting', () => {
  const prompts = { greeting: frameOf(0x11, 2), waiting: frameOf(0x22, 3) };

  it('hears the greeting once, then the waiting loop over and over', () => {
    const audio = new PromptWaitingAudio(prompts);
    const heard = Array.from({ length: 9 }, (_, index) => audio.frame(index)[0]);
    expect(heard).toEqual([0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22]);
  });

  it('put on hold hears the waiting loop, not the greeting again', () => {
    const playout = new CallerPlayout(new PromptWaitingAudio({ greeting: frameOf(0x11, 2), waiting: frameOf(0x22, 1) }));
    expect(playout.next('PCMU')[0]).toBe(0x11);
    playout.connect();
    playout.hold();
    expect(playout.next('PCMU')[0]).toBe(0x22);
  });

  it('refuses an empty waiting prompt at start rather than playing nothing', () => {
    expect(() => new PromptWaitingAudio({ greeting: frameOf(0x11), waiting: new Uint8Array(0) })).toThrow(/waiting prompt is empty/);
  });
});
