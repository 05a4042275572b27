import { useEffect, useRef, useState } from 'react';
import type { LiveFrame } from './api-types';

/** Close code the gateway uses when the session behind a socket ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

export type LiveStatus = 'connecting' | 'open' | 'closed';

/**
 * Keeps one `/api/live` socket open while `enabled`, reconnecting with backoff (1 s … 10 s).
 * `onOpen` runs on every (re)connect so the screen re-reads its state over HTTP (the gateway
 * replays nothing); `onSessionEnded` runs when the server closes with 4401.
 */
export function useLiveSocket(
  enabled: boolean,
  handlers: { onFrame: (frame: LiveFrame) => void; onOpen?: () => void; onSessionEnded?: () => void },
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('closed');
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return undefined;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    const connect = () => {
      setStatus('connecting');
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/live`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        setStatus('open');
        latest.current.onOpen?.();
      };
      socket.onmessage = (event: MessageEvent) => {
        try {
          // The one place the wire becomes a type: the gateway builds only `LiveMessage`s (decision 0061).
          const frame = JSON.parse(String(event.data)) as LiveFrame;
          if (frame && typeof frame.type === 'string') latest.current.onFrame(frame);
        } catch {
          // not JSON: ignore it, as unknown frame types are ignored
        }
      };
      socket.onclose = (event: CloseEvent) => {
        setStatus('closed');
        if (stopped) return;
        if (event.code === SESSION_ENDED_CLOSE_CODE) {
          latest.current.onSessionEnded?.();
          return;
        }
        attempts += 1;
        retry = setTimeout(connect, Math.min(10_000, 1000 * attempts));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }, [enabled]);

  return status;
}
