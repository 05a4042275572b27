import { GatewayRequestError } from './gateway-request.error';
import { LiveFeed } from './live-feed';

const SESSION_COOKIE = 'cc_session';
/** The session's CSRF token arrives in this cookie and goes back in the X-CSRF-Token header. */
const CSRF_COOKIE = 'cc_csrf';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One signed-in session of the gateway's HTTP API (docs/gateway.md), as a program rather than a
 * browser uses it: staff or customer sign-in keeps the `cc_session` cookie, requests send it, a
 * non-2xx answer throws `GatewayRequestError` with the API's error code, and `live()` opens the
 * `/api/live` socket of the same session. Used by the demo call, the end-to-end tests and the
 * desk latency benchmark.
 */
export class GatewayClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string | undefined,
  ) {}

  /** Signs a staff member (agent, catalogue manager, admin) in. */
  static async signInStaff(baseUrl: string, username: string, password: string): Promise<GatewayClient> {
    return GatewayClient.signIn(baseUrl, '/api/auth/staff/sign-in', { username, password });
  }

  /** Asks orders to send a customer a one-time code (outside production it lands in the SMS outbox). */
  static async requestCustomerCode(baseUrl: string, phone: string): Promise<void> {
    await send(baseUrl, 'POST', '/api/auth/customer/request-code', { phone });
  }

  /** Signs a customer in with the code they received. */
  static async signInCustomer(baseUrl: string, phone: string, code: string): Promise<GatewayClient> {
    return GatewayClient.signIn(baseUrl, '/api/auth/customer/verify-code', { phone, code });
  }

  private static async signIn(baseUrl: string, path: string, body: object): Promise<GatewayClient> {
    const response = await send(baseUrl, 'POST', path, body);
    const pairs = response.headers.getSetCookie().map((header) => header.split(';')[0]);
    const cookie = pairs.find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new GatewayRequestError('POST', path, response.status, 'NO_SESSION', 'signed in, but no session cookie came back');
    const csrfToken = pairs.find((pair) => pair.startsWith(`${CSRF_COOKIE}=`))?.slice(CSRF_COOKIE.length + 1);
    return new GatewayClient(baseUrl.replace(/\/+$/, ''), cookie, csrfToken);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: object): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: object): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Any request of this session; the parsed JSON answer (undefined for an empty one). */
  async request<T>(method: Method, path: string, body?: object): Promise<T> {
    const response = await send(this.baseUrl, method, path, body, { cookie: this.cookie, 'x-csrf-token': this.csrfToken });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Opens this session's live socket. */
  live(): Promise<LiveFeed> {
    return LiveFeed.open(`${this.baseUrl.replace(/^http/, 'ws')}/api/live`, this.cookie);
  }

  /** Ends the session on the server. */
  async signOut(): Promise<void> {
    await this.post('/api/auth/sign-out');
  }
}

async function send(baseUrl: string, method: Method, path: string, body?: object, session: Record<string, string | undefined> = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(session)) if (value) headers[name] = value;
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.ok) return response;
  const text = await response.text();
  let code = `HTTP_${response.status}`;
  let message = text.slice(0, 500);
  try {
    const error = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof error.code === 'string') code = error.code;
    if (typeof error.message === 'string') message = error.message;
  } catch {
    // not the API's JSON error shape: keep the status and the text
  }
  throw new GatewayRequestError(method, path, response.status, code, message);
}
