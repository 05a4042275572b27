/** 20 ms of 8 kHz G.711: what callcart's audio subjects carry and what a PCMU packet holds. */
export const FRAME_MS = 20;
export const SAMPLES_PER_FRAME = 160;
/** PCMU's static RTP payload type (RFC 3551). */
export const PCMU_PAYLOAD_TYPE = 0;
/** µ-law's code for a zero sample: what a lost packet becomes. */
export const MULAW_SILENCE = 0xff;

/** One frame of µ-law silence. */
export const silentFrame = (): Uint8Array => new Uint8Array(SAMPLES_PER_FRAME).fill(MULAW_SILENCE);
