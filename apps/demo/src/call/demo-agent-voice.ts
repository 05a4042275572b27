import type { AgentDesk } from '@callcart/gateway-client';
import { MULAW_SILENCE, spokenFrames, WebRtcAgent, type PhoneLine } from '@callcart/telephony';

const FRAME_MS = 20;
/** A µ-law frame whose mean distance from silence is below this is counted as quiet (the line's hiss, comfort silence). */
const QUIET_LEVEL = 4;
/** How long after the agent's line the caller's side may still be receiving it (bridge, jitter buffers, playout). */
const TAIL_MS = 600;

/** What the caller heard of one line the agent said. */
export interface AgentLineHeard {
  readonly text: string;
  /** 20 ms frames of the agent's voice sent on the WebRTC connection. */
  readonly framesSent: number;
  /** Frames with sound in them that reached the caller's side of the call while the line was said. */
  readonly framesHeardByCaller: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hasSound(frame: Uint8Array): boolean {
  let distance = 0;
  // µ-law: 0xff and 0x7f are the two zeros; the low seven bits count down towards loud.
  for (const byte of frame) distance += 0x7f - (byte & 0x7f);
  return distance / frame.length >= QUIET_LEVEL && !frame.every((byte) => byte === MULAW_SILENCE);
}

const SILENT_FRAME = new Uint8Array(160).fill(MULAW_SILENCE);

/**
 * The demo agent's own voice on the call, as the desk's softphone carries it: a WebRTC connection
 * (PCMU) offered through the gateway (`POST /api/agent/calls/:id/voice`) to the voice service,
 * which bridges it to the caller. Like a headset's microphone it sends a frame every 20 ms,
 * silence between lines (the voice service takes a silent connection for a lost agent and gives
 * the call back to the queue); the agent's lines are synthesised (espeak-ng). The caller's side of
 * the line counts what of them it received.
 */
export class DemoAgentVoice {
  private sequenceNumber = 0;
  private heard = 0;
  private readonly waiting: Uint8Array[] = [];
  private readonly began = performance.now();
  private readonly clock: NodeJS.Timeout;

  private constructor(
    private readonly agent: WebRtcAgent,
    line: PhoneLine,
  ) {
    line.onMedia((frame) => {
      if (hasSound(frame)) this.heard += 1;
    });
    this.clock = setInterval(() => this.sendDue(), FRAME_MS);
  }

  /** Sends the frames due by now (a late timer catches up), spoken ones first, else silence. */
  private sendDue(): void {
    const due = Math.floor((performance.now() - this.began) / FRAME_MS);
    while (this.sequenceNumber <= due) {
      const payload = this.waiting.shift() ?? SILENT_FRAME;
      this.agent.send({ sequenceNumber: this.sequenceNumber, timestamp: this.sequenceNumber * 160, payload, marker: this.sequenceNumber === 0 });
      this.sequenceNumber += 1;
    }
  }

  /** Connects the agent's audio to the call they answered; throws what the gateway or the connection said. */
  static async connect(desk: AgentDesk, callId: string, line: PhoneLine): Promise<DemoAgentVoice> {
    const agent = new WebRtcAgent();
    try {
      const { sdp } = await desk.session.post<{ sdp: string }>(`/api/agent/calls/${callId}/voice`, { sdp: await agent.offer() });
      await agent.accept(sdp);
    } catch (error) {
      await agent.close();
      throw error;
    }
    return new DemoAgentVoice(agent, line);
  }

  /** Says `text` on the call at real time and reports what reached the caller. */
  async say(text: string): Promise<AgentLineHeard> {
    const frames = await spokenFrames(text, 'en-us');
    const heardBefore = this.heard;
    this.waiting.push(...frames);
    while (this.waiting.length > 0) await sleep(FRAME_MS);
    await sleep(TAIL_MS);
    return { text, framesSent: frames.length, framesHeardByCaller: this.heard - heardBefore };
  }

  async close(): Promise<void> {
    clearInterval(this.clock);
    await this.agent.close();
  }
}
