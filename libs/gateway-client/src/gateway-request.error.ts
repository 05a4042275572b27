/** A gateway answer that was not 2xx: its status and the `{ code, message }` body every API error has. */
export class GatewayRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${method} ${path} → ${status} ${code}: ${message}`);
    this.name = 'GatewayRequestError';
  }
}
