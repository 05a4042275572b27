import { useCallback, useEffect, useRef, useState } from 'react';
import { describeFailure } from '../../i18n/i18n.setup';
import { api } from '../../shared/api.client';
import { gatheringComplete, MICROPHONE_CONSTRAINTS, microphoneProblem, type SoftphoneProblem, type SoftphoneState, stateOfConnection } from './softphone.logic';

/** What the desk (and its call bar) gets of the softphone. */
export interface Softphone {
  readonly state: SoftphoneState;
  readonly muted: boolean;
  /** Mutes by disabling the microphone track: the caller hears silence, the connection stays. */
  setMuted(muted: boolean): void;
  readonly problem: SoftphoneProblem | null;
  /** The caller's audio, for an `<audio>` element to play. */
  readonly remote: MediaStream | null;
}

const voicePath = (callId: string) => `/api/agent/calls/${encodeURIComponent(callId)}/voice`;

/**
 * The agent's audio on the call they hold: while `callId` is set, gets the microphone, connects
 * to a voice replica through the gateway (offer with every candidate in it, answer back), and
 * hands out the caller's stream; when `callId` goes (call ended, handed over) or the desk
 * closes, it hangs up its side. Failing (microphone refused, no device, connection failed)
 * leaves a problem to show and the call as it is.
 */
export function useSoftphone(callId: string | undefined): Softphone {
  const [state, setState] = useState<SoftphoneState>('idle');
  const [muted, setMutedState] = useState(false);
  const [problem, setProblem] = useState<SoftphoneProblem | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const microphone = useRef<MediaStreamTrack | null>(null);
  const mutedRef = useRef(false);

  useEffect(() => {
    if (!callId) return undefined;
    let cancelled = false;
    let pc: RTCPeerConnection | null = null;
    let stream: MediaStream | null = null;
    let posted = false;
    const fail = (reason: SoftphoneProblem) => {
      if (cancelled) return;
      setProblem(reason);
      setState('failed');
    };
    const connect = async () => {
      setState('starting');
      setProblem(null);
      if (typeof RTCPeerConnection === 'undefined' || !navigator.mediaDevices?.getUserMedia) return fail({ kind: 'noWebRtc' });
      const { iceServers } = await api<{ iceServers: RTCIceServer[] }>('GET', '/api/agent/voice/config');
      try {
        stream = await navigator.mediaDevices.getUserMedia(MICROPHONE_CONSTRAINTS);
      } catch (error) {
        return fail(microphoneProblem(error));
      }
      if (cancelled) return undefined;
      const [track] = stream.getAudioTracks();
      track.enabled = !mutedRef.current;
      microphone.current = track;
      pc = new RTCPeerConnection({ iceServers });
      const connection = pc;
      connection.addTrack(track, stream);
      connection.addEventListener('track', (event) => setRemote(event.streams[0] ?? new MediaStream([event.track])));
      connection.addEventListener('connectionstatechange', () => {
        if (cancelled) return;
        const next = stateOfConnection(connection.connectionState);
        setState(next);
        if (next === 'failed') setProblem({ kind: 'connectionFailed' });
      });
      setState('connecting');
      await connection.setLocalDescription(await connection.createOffer());
      await gatheringComplete(connection);
      if (cancelled) return undefined;
      posted = true;
      const answer = await api<{ sdp: string }>('POST', voicePath(callId), { sdp: connection.localDescription?.sdp });
      if (cancelled) return undefined;
      await connection.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
      return undefined;
    };
    connect().catch((error: unknown) => fail({ kind: 'refused', text: describeFailure(error) }));
    return () => {
      cancelled = true;
      pc?.close();
      stream?.getTracks().forEach((track) => track.stop());
      microphone.current = null;
      setRemote(null);
      setState('idle');
      if (posted) void api('DELETE', voicePath(callId)).catch(() => undefined);
    };
  }, [callId]);

  const setMuted = useCallback((next: boolean) => {
    mutedRef.current = next;
    if (microphone.current) microphone.current.enabled = !next;
    setMutedState(next);
  }, []);

  return { state, muted, setMuted, problem, remote };
}
