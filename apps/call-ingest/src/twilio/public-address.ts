import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { CALL_INGEST_CONFIG, type CallIngestConfig } from '../call-ingest.config';

/**
 * Where Twilio reaches this service. Behind a proxy the request's Host is not what Twilio
 * called, so the public base URL comes from `PUBLIC_URL`; without it, the local listening
 * address (development and tests).
 */
@Injectable()
export class PublicAddress {
  constructor(
    @Inject(CALL_INGEST_CONFIG) private readonly config: CallIngestConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** `https://ingest.example.com` (no trailing slash). */
  baseUrl(): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    const address = this.adapterHost.httpAdapter.getHttpServer().address() as AddressInfo | null;
    return `http://127.0.0.1:${address?.port ?? this.config.service.http.port}`;
  }

  /** The full public URL of a request path (with its query string), as Twilio signed it. */
  urlOf(pathWithQuery: string): string {
    return this.baseUrl() + pathWithQuery;
  }

  /** The media WebSocket's public URL: `wss://…/media` for an https base, `ws://…/media` otherwise. */
  mediaStreamUrl(): string {
    return `${this.baseUrl().replace(/^http/, 'ws')}/media`;
  }
}
