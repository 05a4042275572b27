import { FramePacer, type PacerClock } from './frame-pacer';

/** A clock moved by hand: timers fire when the test advances past them. */
class ManualClock implements PacerClock {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = time;
  }
  /** Jumps to `time` and only then fires the timers that were due: a busy process waking late. */
  wakeLateAt(time: number): void {
    this.time = time;
    for (;;) {
      const due = this.timers.find((timer) => timer.at <= time);
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      due.callback();
    }
  }
}

function paced(maxQueued = 10) {
  const clock = new ManualClock();
  const sent: { frame: number; at: number }[] = [];
  const pacer = new FramePacer((frame) => sent.push({ frame: frame[0], at: clock.time }), clock, { maxQueued });
  const frame = (label: number) => new Uint8Array(160).fill(label);
  return { clock, sent, pacer, frame };
}

describe('FramePacer', () => {
  it('sends frames that arrive every 20 ms at once, adding no delay', () => {
    const { clock, sent, pacer, frame } = paced();
    for (let i = 0; i < 4; i += 1) {
      clock.advanceTo(i * 20);
      pacer.push(frame(i));
    }
    expect(sent).toEqual([0, 1, 2, 3].map((i) => ({ frame: i, at: i * 20 })));
  });

  it('spreads a burst over 20 ms slots, in order', () => {
    const { clock, sent, pacer, frame } = paced();
    clock.advanceTo(100);
    for (let i = 0; i < 4; i += 1) pacer.push(frame(i));
    expect(pacer.queued).toBe(3);
    clock.advanceTo(200);
    expect(sent).toEqual([0, 1, 2, 3].map((i) => ({ frame: i, at: 100 + i * 20 })));
  });

  it('keeps its grid when a frame is a little late, so the next on-time frame is not held back', () => {
    const { clock, sent, pacer, frame } = paced();
    pacer.push(frame(0));
    clock.advanceTo(27);
    pacer.push(frame(1));
    clock.advanceTo(40);
    pacer.push(frame(2));
    expect(sent.map((entry) => entry.at)).toEqual([0, 27, 40]);
  });

  it('catches up on the slots a late timer missed, so frames arriving every 20 ms are never dropped', () => {
    const { clock, sent, pacer, frame } = paced(3);
    // A busy process: it runs only every 60 ms, and then the three frames of those 60 ms arrive together.
    for (let i = 0; i < 60; i += 3) {
      clock.wakeLateAt(i * 20);
      for (let k = i; k < i + 3; k += 1) pacer.push(frame(k));
    }
    clock.wakeLateAt(5000);
    expect(pacer.unpaced).toBe(0);
    expect(sent.map((entry) => entry.frame)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('sends the oldest frames of a backlog beyond its limit at once, so delay stays bounded and nothing is lost', () => {
    const { clock, sent, pacer, frame } = paced(3);
    for (let i = 0; i < 8; i += 1) pacer.push(frame(i));
    expect(sent.map((entry) => entry.frame)).toEqual([0, 1, 2, 3, 4]);
    clock.advanceTo(500);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ frame: i, at: i < 5 ? 0 : (i - 4) * 20 })));
    expect(pacer.unpaced).toBe(4);
  });

  it('sends nothing after it is stopped', () => {
    const { clock, sent, pacer, frame } = paced();
    pacer.push(frame(0));
    pacer.push(frame(1));
    pacer.stop();
    pacer.push(frame(2));
    clock.advanceTo(500);
    expect(sent.map((entry) => entry.frame)).toEqual([0]);
  });
});
