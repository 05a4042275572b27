import { TurnBatch } from './turn-batch';

const turnOfTheLoop = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatch', () => {
  it('runs what a turn handed over after the turn, together and in order', async () => {
    const ran: number[] = [];
    const batch = new TurnBatch();
    for (const n of [1, 2, 3]) batch.add(() => void ran.push(n));
    const duringTheTurn = [...ran];
    await turnOfTheLoop();
    expect({ duringTheTurn, afterTheTurn: ran }).toEqual({ duringTheTurn: [], afterTheTurn: [1, 2, 3] });
  });

  it('runs what waits at once when flushed, and not again at the end of the turn', async () => {
    const ran: string[] = [];
    const batch = new TurnBatch();
    batch.add(() => void ran.push('frame'));
    batch.flush();
    ran.push('call ended');
    await turnOfTheLoop();
    expect(ran).toEqual(['frame', 'call ended']);
  });

  it('schedules the next turn’s batch after a flush', async () => {
    const ran: string[] = [];
    const batch = new TurnBatch();
    batch.add(() => void ran.push('first'));
    await turnOfTheLoop();
    batch.add(() => void ran.push('second'));
    await turnOfTheLoop();
    expect(ran).toEqual(['first', 'second']);
  });
});
