import { FrameQueue, WaitingAudio } from './frame-sources';
import { FRAME_MS, PlayoutPacer, type PacerClock } from './playout-pacer';

/** A clock the test moves by hand; timers fire when it passes them. */
function manualClock(): PacerClock & { advance(ms: number): void; jump(ms: number): void; pending(): number } {
  let now = 1000;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimer(callback, ms) {
      nextId += 1;
      timers.push({ at: now + ms, callback, id: nextId });
      return nextId;
    },
    clearTimer(id) {
      timers = timers.filter((timer) => timer.id !== id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = Math.max(now, due.at);
        due.callback();
      }
      now = until;
    },
    jump(ms) {
      now += ms;
    },
    pending: () => timers.length,
  };
}

const frame = (n: number) => new Uint8Array(160).fill(n);

function harness(leadMs = 60) {
  const clock = manualClock();
  const sent: { value: number; at: number; playAt: number }[] = [];
  const pacer = new PlayoutPacer((f, playAt) => sent.push({ value: f[0], at: clock.now(), playAt }), clock, leadMs);
  let dropped = 0;
  const queue = new FrameQueue(50, (count) => (dropped += count));
  return { clock, sent, pacer, queue, dropped: () => dropped };
}

describe('PlayoutPacer', () => {
  it('sends a burst paced at 20 ms a frame, never more than the lead ahead of real time', () => {
    const h = harness();
    h.pacer.play(h.queue);
    for (let i = 0; i < 20; i += 1) h.queue.push(frame(i));
    h.pacer.wake();
    // At once: the frames playing now and within the 60 ms lead (4 frames), not all 20.
    expect(h.sent.map((s) => s.value)).toEqual([0, 1, 2, 3]);
    h.clock.advance(100);
    expect(h.sent).toHaveLength(9);
    h.clock.advance(1000);
    expect(h.sent.map((s) => s.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Each frame goes out at most the lead ahead of the moment it plays, and play times are 20 ms apart.
    for (const [i, s] of h.sent.entries()) {
      expect(s.playAt - s.at).toBeLessThanOrEqual(60);
      expect(s.playAt).toBe(1000 + i * FRAME_MS);
    }
  });

  it('sends nothing in a gap and restarts from now when audio returns (no catch-up burst)', () => {
    const h = harness();
    h.pacer.play(h.queue);
    h.queue.push(frame(1));
    h.pacer.wake();
    expect(h.sent).toHaveLength(1);
    h.clock.advance(2000); // longer than MAX_CATCH_UP_MS: a silence, not a stall
    expect(h.sent).toHaveLength(1);
    expect(h.clock.pending()).toBe(0); // idle: no timer spins through the gap
    for (let i = 2; i < 6; i += 1) h.queue.push(frame(i));
    h.pacer.wake();
    expect(h.sent.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
    expect(h.sent[1].playAt).toBe(3000);
  });

  it('sends frames held up by a short stall at once, as far as real time allows, so stalls do not add up', () => {
    const h = harness();
    h.pacer.play(h.queue);
    h.queue.push(frame(1));
    h.pacer.wake();
    h.clock.advance(200); // the sender stalled for 200 ms, then its frames arrive together
    for (let i = 2; i < 22; i += 1) h.queue.push(frame(i));
    h.pacer.wake();
    // Due by now (1020..1200 ms: 10 frames) plus the 60 ms lead (3 more): 13 at once, then paced.
    expect(h.sent).toHaveLength(14);
    expect(h.sent.every((s) => s.playAt - h.clock.now() <= 60)).toBe(true);
    h.clock.advance(20);
    expect(h.sent).toHaveLength(15);
  });

  it('a full queue drops its oldest frames and counts them', () => {
    const h = harness();
    for (let i = 0; i < 60; i += 1) h.queue.push(frame(i));
    expect(h.dropped()).toBe(10);
    expect(h.queue.next()?.[0]).toBe(10);
  });

  it('switching source or stopping drops what was queued; stopped, it sends nothing', () => {
    const h = harness();
    h.pacer.play(h.queue);
    for (let i = 0; i < 20; i += 1) h.queue.push(frame(i));
    h.pacer.wake();
    expect(h.queue.clear()).toBe(16);
    h.pacer.play(new WaitingAudio([frame(100)], [frame(200), frame(201)]));
    h.clock.advance(100);
    const afterSwitch = h.sent.slice(4).map((s) => s.value);
    expect(afterSwitch.slice(0, 5)).toEqual([100, 200, 201, 200, 201]);
    h.pacer.stop();
    const count = h.sent.length;
    h.queue.push(frame(1));
    h.pacer.play(h.queue);
    h.pacer.wake();
    h.clock.advance(1000);
    expect(h.sent).toHaveLength(count);
    expect(h.clock.pending()).toBe(0);
  });

  it('makes up for its own late timer (never beyond real time plus the lead), but not for a stall too long', () => {
    const h = harness();
    h.pacer.play(new WaitingAudio([], [frame(7)]));
    expect(h.sent).toHaveLength(4);
    h.clock.jump(100); // the event loop was blocked for 100 ms: the due timer fires late, once
    h.clock.advance(0);
    // Everything due by now plus the lead: 1000..1160 ms of audio, 9 frames in all, no more.
    expect(h.sent).toHaveLength(9);
    expect(h.sent.at(-1)!.playAt).toBe(1160);
    h.clock.jump(2000); // too long to make up: playout goes on from now
    h.clock.advance(0);
    const late = h.sent.slice(9);
    expect(late.length).toBeLessThanOrEqual(4);
    expect(late[0].playAt).toBe(h.clock.now());
    h.pacer.stop();
  });
});

describe('WaitingAudio', () => {
  it('plays the greeting once, then loops the waiting audio', () => {
    const audio = new WaitingAudio([frame(1), frame(2)], [frame(8), frame(9)]);
    expect(Array.from({ length: 7 }, () => audio.next()?.[0])).toEqual([1, 2, 8, 9, 8, 9, 8]);
    expect(new WaitingAudio([], []).next()).toBeUndefined();
  });
});
