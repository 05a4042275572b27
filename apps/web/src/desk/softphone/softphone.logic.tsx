/** Where the softphone is: getting the microphone, connecting, talking, or stopped. */
export type SoftphoneState = 'idle' | 'starting' | 'connecting' | 'connected' | 'failed';

/**
 * What went wrong, as a key under `desk.softphone.problem` (a plain sentence on the desk), or a
 * gateway refusal already put into words. The call itself is never dropped by the desk: if the
 * agent's audio stays gone, the voice service reports it and routing requeues the call.
 */
export type SoftphoneProblem =
  | { readonly kind: 'microphoneDenied' | 'noMicrophone' | 'microphoneBusy' | 'connectionFailed' | 'noWebRtc' }
  | { readonly kind: 'refused'; readonly text: string };

/** The agent's microphone, as `getUserMedia` is asked for it: the browser's echo and noise processing on. */
export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = { audio: { echoCancellation: true, noiseSuppression: true }, video: false };

/** How long the offer waits for ICE gathering before it goes with what it has. */
export const GATHER_TIMEOUT_MS = 3000;

/** Reads why `getUserMedia` failed (its DOMException's name). */
export function microphoneProblem(error: unknown): SoftphoneProblem {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'microphoneDenied' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { kind: 'noMicrophone' };
  return { kind: 'microphoneBusy' };
}

/** The softphone's state for a connection state of the `RTCPeerConnection`. */
export function stateOfConnection(connection: RTCPeerConnectionState): SoftphoneState {
  switch (connection) {
    case 'connected':
      return 'connected';
    case 'failed':
    case 'closed':
      return 'failed';
    case 'new':
    case 'connecting':
    case 'disconnected':
      return 'connecting';
    default: {
      const unknown: never = connection;
      return unknown;
    }
  }
}

/** Waits until the connection has gathered its candidates (non-trickle signalling), or the timeout. */
export function gatheringComplete(pc: RTCPeerConnection, timeoutMs = GATHER_TIMEOUT_MS): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onChange);
      resolve();
    };
    const onChange = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onChange);
  });
}
