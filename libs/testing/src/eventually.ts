/**
 * Resolves once `predicate` holds (it may be async, e.g. a database query), polling every 20 ms;
 * fails with `what` after the timeout. For asserting on what arrives asynchronously without
 * sleeping a fixed time.
 */
export async function eventually(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
