import { GatewayRequestError } from '@callcart/gateway-client';

/**
 * Something the demo cannot go on without, said in one line: what is wrong and how to fix it.
 * The CLI prints `message` and exits 1; nothing else is shown to the user (no stack).
 */
export class DemoProblem extends Error {
  constructor(
    readonly what: string,
    readonly fix: string,
  ) {
    super(`${what} — ${fix}`);
    this.name = 'DemoProblem';
  }
}

/** The network error under `fetch failed` (ECONNREFUSED, ENOTFOUND, …), or the message itself. */
function networkReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.message === 'fetch failed' || cause?.code) return cause?.code ?? cause?.message ?? error.message;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.test(error.message)) return error.message;
  return undefined;
}

/**
 * Turns a failed gateway call into the problem a user can act on: not reachable, a refused
 * sign-in, rate limits; other API errors keep their code and message.
 */
export function gatewayProblem(error: unknown, gatewayUrl: string, doing: string): Error {
  if (error instanceof DemoProblem) return error;
  const network = networkReason(error);
  if (network) return new DemoProblem(`the gateway is not reachable at ${gatewayUrl} (${network}) while ${doing}`, 'start everything with `npm start` (or pass --gateway URL)');
  if (error instanceof GatewayRequestError) {
    if (error.status === 429) return new DemoProblem(`the gateway rate-limited ${doing} (${error.message})`, 'wait a minute and run it again');
    if (error.status === 503) return new DemoProblem(`a service behind the gateway did not answer while ${doing} (${error.code}: ${error.message})`, 'check that every service of `npm start` is healthy');
    return new DemoProblem(`the gateway refused ${doing}: ${error.status} ${error.code} (${error.message})`, 'see the gateway log of `npm start`');
  }
  return error instanceof Error ? error : new Error(String(error));
}
