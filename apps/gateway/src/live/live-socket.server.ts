import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { hasMalformedSessionCookie } from '../auth/session-cookie.guard';
import { readCookie, SESSION_COOKIE, SessionsService } from '../auth/sessions.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { isTrustedOrigin } from '../web/request-origin';
import { CallRoutingService } from '../routing/call-routing.service';
import { DeskPresence } from '../routing/desk-presence';
import type { Principal } from '../auth/principal';
import { LiveHub } from './live-hub';
import type { LiveMessage } from './live-message';

/** The live push endpoint. */
export const LIVE_PATH = '/api/live';
const PING_INTERVAL_MS = 25_000;
/** How often open sockets' sessions are re-checked: a signed-out or deactivated session loses its socket. */
const SESSION_CHECK_INTERVAL_MS = 30_000;
/** Close code for a socket whose session ended (4000-4999 are the application's). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/**
 * The WebSocket at `/api/live` on the gateway's own HTTP server: the upgrade is authenticated
 * by the `cc_session` cookie (401 without a live session) and the socket joins the hub under
 * its principal. Clients only listen; anything they send is ignored.
 */
@Injectable()
export class LiveSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveSocketServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private pinger?: NodeJS.Timeout;
  private sessionChecker?: NodeJS.Timeout;
  private readonly tokens = new WeakMap<WebSocket, string>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: SessionsService,
    private readonly hub: LiveHub,
    private readonly routing: CallRoutingService,
    private readonly desks: DeskPresence,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.logger.error({ msg: 'live upgrade failed', err: error });
        refuse(socket, 500, 'Internal Server Error');
      });
    });
    this.pinger = setInterval(() => {
      for (const socket of this.hub.all()) socket.ping();
    }, PING_INTERVAL_MS).unref();
    this.sessionChecker = setInterval(() => void this.closeEndedSessions(), SESSION_CHECK_INTERVAL_MS).unref();
  }

  /** Closes the sockets whose session was signed out, expired or deactivated. */
  async closeEndedSessions(): Promise<void> {
    for (const socket of this.hub.all()) {
      const token = this.tokens.get(socket);
      const live = token ? await this.sessions.isLive(token).catch(() => true) : false;
      if (!live) socket.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
    }
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    if (path !== LIVE_PATH) return refuse(socket, 404, 'Not Found');
    // A page of another site must not listen in with the victim's cookie (cross-site WebSocket hijacking).
    if (!isTrustedOrigin(request.headers, this.config.publicOrigins)) return refuse(socket, 403, 'Forbidden');
    if (hasMalformedSessionCookie(request.headers.cookie)) return refuse(socket, 401, 'Unauthorized', this.sessions.clearingCookie());
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const principal = await this.sessions.resolve(token);
    if (!principal || !token) return refuse(socket, 401, 'Unauthorized');
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.tokens.set(ws, token);
      ws.on('error', () => ws.terminate());
      this.hub.add(ws, principal);
      void this.greet(ws, principal);
    });
  }

  /**
   * Records a staff member's desk (an agent is rung only while a desk is open, decision 0051)
   * before the greeting, so a desk that says "available" right after `hello` is rung; then the
   * greeting and, for staff, their status.
   */
  private async greet(ws: WebSocket, principal: Principal): Promise<void> {
    if (principal.kind === 'staff') {
      const { staffId } = principal;
      const opened = this.desks.opened(staffId).catch((error: unknown) => this.logger.warn({ msg: 'desk not recorded', err: error }));
      // A socket closing while its desk is being recorded is counted out after it was counted in.
      ws.once('close', () => {
        opened.then(() => this.desks.closed(staffId)).catch((error: unknown) => this.logger.warn({ msg: 'desk close not recorded', err: error }));
      });
      await opened;
    }
    if (ws.readyState !== ws.OPEN) return;
    const hello: LiveMessage = { type: 'hello', data: { principal } };
    ws.send(JSON.stringify(hello));
    if (principal.kind === 'staff') await this.sendAgentStatus(ws, principal.staffId);
  }

  /** The agent's own status right after the greeting, so the desk starts from the truth. */
  private async sendAgentStatus(ws: WebSocket, staffId: string): Promise<void> {
    try {
      const status: LiveMessage = { type: 'agent.status', data: await this.routing.agentStatus(staffId) };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(status));
    } catch (error: unknown) {
      this.logger.warn({ msg: 'agent status not sent', err: error });
    }
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.pinger);
    clearInterval(this.sessionChecker);
    for (const socket of this.hub.all()) socket.terminate();
    this.wss.close();
  }
}

function refuse(socket: Duplex, status: number, reason: string, setCookie?: string): void {
  const cookieLine = setCookie ? `Set-Cookie: ${setCookie}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${cookieLine}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
