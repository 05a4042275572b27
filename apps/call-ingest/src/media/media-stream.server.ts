import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';
import { CallAudioLink } from '../playout/call-audio.link';
import { CallPlayoutBinding } from '../playout/call-playout.binding';
import { loadWaitingPrompts, type WaitingPrompts } from '../prompts/prompt-files';
import { PublicAddress } from '../twilio/public-address';
import { isSignedByTwilio } from '../twilio/twilio-request-validator';
import { CallEventsPublisher } from './call-events.publisher';
import { IngestMetrics } from './ingest.metrics';
import { MediaStreamSession } from './media-stream.session';
import { StreamAdmission } from './stream-admission';

/** The media WebSocket's path; TwiML points Twilio at it. */
export const MEDIA_PATH = '/media';

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * `WS /media`: Twilio Media Streams on Nest's own HTTP server (one port for the webhook, the
 * media and /health). One {@link MediaStreamSession} per socket; a session's failure closes that
 * socket only. The `ws` library refuses frames above twice `MEDIA_MAX_FRAME_BYTES` before reading
 * them (close 1009, no reason text); frames between the limit and that are read and refused here
 * with the reason. With TWILIO_AUTH_TOKEN the upgrade must carry Twilio's signature of the stream
 * URL (403 otherwise), as Twilio asks of Media Streams servers, and each call gets one stream
 * ({@link StreamAdmission}: a second is refused, a stream token is required with the auth token).
 * Each call's audio back to the caller is a {@link CallPlayoutBinding} (waiting audio, the agent,
 * call control). At shutdown every open call ends (`shutdown`) and its call ended is stored before NATS closes.
 */
@Injectable()
export class MediaStreamServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MediaStreamServer.name);
  private readonly sockets = new Map<WebSocket, MediaStreamSession>();
  private wss: WebSocketServer | undefined;
  private httpServer: Server | undefined;
  private closing = false;
  private readonly prompts: WaitingPrompts;

  constructor(
    @Inject(CALL_INGEST_CONFIG) private readonly config: CallIngestConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly publisher: CallEventsPublisher,
    private readonly metrics: IngestMetrics,
    private readonly publicAddress: PublicAddress,
    private readonly admission: StreamAdmission,
    private readonly audioLink: CallAudioLink,
  ) {
    this.prompts = loadWaitingPrompts(config.playout.greetingLanguage);
  }

  onApplicationBootstrap(): void {
    if (this.config.unauthenticatedInProduction) {
      this.logger.warn({
        msg: 'PRODUCTION WITHOUT CALL AUTHENTICATION: anyone who reaches this port can start a call as any caller (CALL_INGEST_ALLOW_UNAUTHENTICATED=true)',
      });
    }
    this.httpServer = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.config.media.maxFrameBytes, perMessageDeflate: false });
    this.httpServer.on('upgrade', this.onUpgrade);
  }

  /** Open media sockets (calls in progress or not yet started). */
  get openStreams(): number {
    return this.sockets.size;
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const [path, query] = (request.url ?? '').split(/\?(.*)/s);
    if (path !== MEDIA_PATH) return this.refuseUpgrade(socket, '404 Not Found');
    if (this.closing || !this.wss) return this.refuseUpgrade(socket, '503 Service Unavailable');
    const { authToken, validateMediaSignature } = this.config.twilio;
    if (authToken && validateMediaSignature) {
      const signedUrl = this.publicAddress.mediaStreamUrl() + (query ? `?${query}` : '');
      if (!isSignedByTwilio(authToken, signedUrl, {}, request.headers)) {
        this.metrics.signaturesRefused.inc({ endpoint: 'media' });
        this.logger.warn({ msg: 'media upgrade with a missing or bad signature refused', url: signedUrl });
        return this.refuseUpgrade(socket, '403 Forbidden');
      }
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  };

  private refuseUpgrade(socket: Duplex, status: string): void {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  private accept(ws: WebSocket): void {
    const limit = this.config.media.maxFrameBytes;
    const playout = new CallPlayoutBinding({
      link: this.audioLink,
      metrics: this.metrics,
      logger: this.logger,
      prompts: this.prompts,
      socket: { send: (text) => ws.send(text), backlog: () => ws.bufferedAmount },
      hangUp: () => session.hangUp(),
    });
    const session: MediaStreamSession = new MediaStreamSession({
      publisher: this.publisher,
      metrics: this.metrics,
      logger: this.logger,
      closeSocket: (code, reason) => ws.close(code, reason),
      admitStream: (credentials) => this.admission.admit(credentials),
      playout,
    });
    this.sockets.set(ws, session);
    ws.on('message', (data, isBinary) => {
      const bytes = byteLength(data);
      if (isBinary) session.handleBinary(bytes);
      else if (bytes > limit) session.handleOversized(limit, bytes);
      else session.handleText(rawText(data));
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') session.handleOversized(limit);
      else this.logger.warn({ msg: 'media socket error', callId: session.callId, err: error.message });
    });
    ws.on('close', () => {
      session.socketClosed();
      this.sockets.delete(ws);
    });
  }

  /** Shutdown: no new streams; open ones end now (call ended stored within the grace period). */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.httpServer?.off('upgrade', this.onUpgrade);
    for (const [ws, session] of this.sockets) {
      session.shutDown();
      ws.close(1001, 'call-ingest is shutting down'); // a no-op when shutDown closed it already
      setTimeout(() => ws.terminate(), 1000).unref();
    }
    await this.publisher.drain(this.config.service.shutdownGraceMs / 2);
    this.wss?.close();
  }
}
