import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import type { IceServer } from '@callcart/contracts';
import type { ReceivedPacket } from '../media/jitter-buffer';
import type { OutgoingPacket } from '../media/pcmu-packetiser';
import { PCMU_PAYLOAD_TYPE } from '../media/telephone-frame';

export interface AgentPeerOptions {
  readonly iceServers: readonly IceServer[];
  readonly udpPorts?: readonly [number, number];
  /** Candidates are gathered before the answer goes back (no trickle); this long at most. */
  readonly gatherTimeoutMs: number;
}

/** Why an offer could not be answered: the contract's error codes. */
export class OfferRefused extends Error {
  constructor(
    readonly code: 'INVALID_SDP' | 'NO_COMMON_CODEC',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Only PCMU is offered back: the caller's audio is 8 kHz µ-law already, so it passes to the
 * browser and back without transcoding (decision 0100). Chromium offers PCMU beside Opus.
 */
const pcmuOnly = () => new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU_PAYLOAD_TYPE });

/** Whether an offer's first audio section lists PCMU (static payload type 0, or by name). */
export function offersPcmu(sdp: string): boolean {
  const audio = /^m=audio \d+ [A-Z/]+ ([\d ]+)$/m.exec(sdp);
  if (!audio) return false;
  const formats = audio[1].trim().split(/\s+/);
  return formats.includes('0') || /^a=rtpmap:\d+ PCMU\/8000/im.test(sdp);
}

/**
 * The voice service's end of one agent's WebRTC connection (werift): answers the browser's offer
 * with PCMU only, sends the caller's packets, hands over the agent's PCMU packets.
 */
export class AgentPeer {
  private readonly outgoing = new MediaStreamTrack({ kind: 'audio' });

  private constructor(private readonly pc: RTCPeerConnection) {}

  /** Answers an offer; gathers candidates first so the answer is complete. */
  static async answer(offerSdp: string, options: AgentPeerOptions, onPacket: (packet: ReceivedPacket) => void): Promise<{ peer: AgentPeer; sdp: string }> {
    if (!offersPcmu(offerSdp)) throw new OfferRefused('NO_COMMON_CODEC', 'the offer has no PCMU audio (G.711 µ-law, payload type 0)');
    const pc = new RTCPeerConnection({
      codecs: { audio: [pcmuOnly()], video: [] },
      iceServers: options.iceServers.map((server) => ({ ...server, urls: [server.urls].flat() })),
      icePortRange: options.udpPorts ? [options.udpPorts[0], options.udpPorts[1]] : undefined,
      iceUseIpv6: false,
    });
    const peer = new AgentPeer(pc);
    try {
      pc.onTrack.subscribe((track) => {
        track.onReceiveRtp.subscribe((rtp) => {
          if (rtp.header.payloadType !== PCMU_PAYLOAD_TYPE) return;
          onPacket({ sequenceNumber: rtp.header.sequenceNumber, timestamp: rtp.header.timestamp, payload: rtp.payload });
        });
      });
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp }).catch((error: Error) => {
        throw new OfferRefused('INVALID_SDP', `the offer could not be read: ${error.message}`);
      });
      const audio = pc.getTransceivers().find((transceiver) => transceiver.kind === 'audio');
      if (!audio) throw new OfferRefused('NO_COMMON_CODEC', 'the offer has no audio section');
      audio.setDirection('sendrecv');
      await audio.sender.replaceTrack(peer.outgoing);
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc, options.gatherTimeoutMs);
      const sdp = pc.localDescription?.sdp;
      if (!sdp) throw new Error('no local description after answering');
      return { peer, sdp };
    } catch (error) {
      await pc.close().catch(() => undefined);
      throw error;
    }
  }

  send(packet: OutgoingPacket): void {
    const header = new RtpHeader({
      sequenceNumber: packet.sequenceNumber,
      timestamp: packet.timestamp,
      payloadType: packet.payloadType,
      marker: packet.marker,
    });
    this.outgoing.writeRtp(new RtpPacket(header, Buffer.from(packet.payload.buffer, packet.payload.byteOffset, packet.payload.byteLength)));
  }

  /** The connection's state changes (`connected`, `failed`, `closed`, ...). */
  onStateChange(listener: (state: string) => void): void {
    this.pc.connectionStateChange.subscribe(listener);
  }

  async close(): Promise<void> {
    this.outgoing.stop();
    await this.pc.close().catch(() => undefined);
  }
}

function gathered(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    pc.iceGatheringStateChange.subscribe((state) => {
      if (state !== 'complete') return;
      clearTimeout(timer);
      resolve();
    });
  });
}
