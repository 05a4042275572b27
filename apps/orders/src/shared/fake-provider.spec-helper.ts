import { ScriptedFake } from '@callcart/testing';

/** One fake for a `describe`: started before its tests, its script reset before each, closed after. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any accepted type
export function fakeForSuite<T extends ScriptedFake<any>>(start: () => Promise<T>): () => T {
  let fake: T | undefined;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake!.script = () => undefined;
  });
  return () => fake!;
}
