import { ownerOf } from './call-partition';
import { PerCallQueue } from './per-call-queue';

const calls = Array.from({ length: 400 }, (_, i) => `CA${i.toString(16).padStart(8, '0')}`);

describe('call ownership by rendezvous hashing', () => {
  it('agrees on one owner whatever order the replicas are listed in, and spreads the calls', () => {
    const replicas = ['catalogue-a', 'catalogue-b', 'catalogue-c'];
    const owners = calls.map((callId) => ownerOf(callId, replicas));
    expect(calls.map((callId) => ownerOf(callId, [...replicas].reverse()))).toEqual(owners);
    for (const replica of replicas) expect(owners.filter((owner) => owner === replica).length).toBeGreaterThan(80);
    expect(ownerOf('CA1', [])).toBeUndefined();
  });

  it('moves only the calls of a replica that leaves, and only calls to one that joins', () => {
    const before = calls.map((callId) => ownerOf(callId, ['catalogue-a', 'catalogue-b', 'catalogue-c']));
    const afterLeave = calls.map((callId) => ownerOf(callId, ['catalogue-a', 'catalogue-c']));
    calls.forEach((_, i) => {
      if (before[i] !== 'catalogue-b') expect(afterLeave[i]).toBe(before[i]);
    });
    const afterJoin = calls.map((callId) => ownerOf(callId, ['catalogue-a', 'catalogue-b', 'catalogue-c', 'catalogue-d']));
    calls.forEach((_, i) => {
      if (afterJoin[i] !== 'catalogue-d') expect(afterJoin[i]).toBe(before[i]);
    });
  });
});

describe('per-call queue', () => {
  it('runs one call\'s tasks in the order given even when earlier ones are slower, and reports failures', async () => {
    const failures: string[] = [];
    const queue = new PerCallQueue((callId) => failures.push(callId));
    const done: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<void>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(name)) : (done.push(name), resolve())), ms));
    await Promise.all([
      queue.run('CA1', task('1a', 30)),
      queue.run('CA1', task('1b', 0, true)),
      queue.run('CA1', task('1c', 0)),
      queue.run('CA2', task('2a', 0)),
    ]);
    expect(done.filter((name) => name.startsWith('1'))).toEqual(['1a', '1c']);
    expect(done.indexOf('2a')).toBeLessThan(done.indexOf('1a'));
    expect(failures).toEqual(['CA1']);
    expect(queue.busyCalls).toBe(0);
  });
});
