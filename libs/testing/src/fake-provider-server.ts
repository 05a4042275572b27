import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake provider answers one request with. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: string | object;
  readonly contentType?: string;
}

/** A request as the fake provider received it, for the handler to check. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A local HTTP server on 127.0.0.1 playing a provider's side (SMS, payments) for the real client
 * libraries: each request is read whole and handed to the test's handler.
 */
export class FakeProviderServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(handle: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<FakeProviderServer> {
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const request = { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', 'http://127.0.0.1'), headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
        // The handler's failure becomes a 500 to the client under test; nothing is left to reject.
        void Promise.resolve(handle(request))
          .catch((error: unknown): FakeAnswer => ({ status: 500, body: { message: String(error) } }))
          .then((answer) => {
            const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
            outgoing.writeHead(answer.status, { 'content-type': answer.contentType ?? (typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=utf-8') });
            outgoing.end(text);
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FakeProviderServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * A provider fake with what it was sent and accepted, and a `script` the test sets to choose the
 * answer to a well-formed, authenticated request (undefined: the provider's normal answer).
 */
export abstract class ScriptedFake<TAccepted> {
  readonly accepted: TAccepted[] = [];
  readonly requests: FakeRequest[] = [];
  script: (accepted: TAccepted) => FakeAnswer | undefined = () => undefined;
  private server?: FakeProviderServer;

  /** Starts the fake's server on a free port of 127.0.0.1. */
  async listen(): Promise<this> {
    this.server = await FakeProviderServer.start((request) => {
      this.requests.push(request);
      return this.answer(request);
    });
    return this;
  }

  get url(): string {
    return this.server!.url;
  }

  close(): Promise<void> {
    return this.server!.close();
  }

  protected abstract answer(request: FakeRequest): FakeAnswer | Promise<FakeAnswer>;
}
