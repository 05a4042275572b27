/** An API refusal as the gateway sends it: `{ code, message }` with the HTTP status. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** With a 429 from the sign-in limits: how long until another try is taken. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * Calls the gateway's JSON API on the same origin (the session cookie goes along by itself, the
 * CSRF token in X-CSRF-Token on every state-changing request) and
 * turns every refusal into an {@link ApiRequestError}, so screens show `code: message` instead
 * of crashing on a non-JSON body.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return apiSend<T>(method, path, body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : undefined);
}

/** The session's CSRF token, which the gateway hands the page in the readable `cc_csrf` cookie. */
function csrfToken(): string | undefined {
  const cookies = (globalThis as { document?: { cookie: string } }).document?.cookie ?? '';
  const pair = cookies.split('; ').find((part) => part.startsWith('cc_csrf='));
  return pair ? pair.slice('cc_csrf='.length) : undefined;
}

/**
 * Like {@link api}, but sends a body as it is (a `File` for an upload) with its own content
 * type: the answer and the refusals are read the same way.
 */
export async function apiSend<T>(method: string, path: string, payload?: { body: Blob | string; contentType: string }): Promise<T> {
  let response: Response;
  const token = csrfToken();
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(payload ? { 'content-type': payload.contentType } : {}), ...(method !== 'GET' && token ? { 'x-csrf-token': token } : {}) },
      body: payload?.body,
    });
  } catch (error) {
    throw new ApiRequestError(0, 'NETWORK', (error as Error).message || 'network error');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const refusal = (parsed ?? {}) as { code?: string; message?: string; retryAfterSeconds?: unknown };
    const retryAfterSeconds = typeof refusal.retryAfterSeconds === 'number' && refusal.retryAfterSeconds > 0 ? refusal.retryAfterSeconds : undefined;
    throw new ApiRequestError(response.status, refusal.code ?? `HTTP_${response.status}`, refusal.message ?? (response.statusText || 'request failed'), retryAfterSeconds);
  }
  return parsed as T;
}

/** A fresh idempotency key for one user action (placing an order, paying, a top-up). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** A short text for an error, for the screen. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
