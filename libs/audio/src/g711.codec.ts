import { alaw, mulaw } from 'alawmulaw';

/**
 * G.711 µ-law and A-law (ITU-T G.711), the codecs of the public phone network: Twilio Media
 * Streams carry 8 kHz µ-law. Conversion runs for every 20 ms frame of every call, so each
 * direction is a table look-up: the 256-entry decode tables and the 65,536-entry encode tables
 * are filled once, at load, from `alawmulaw`'s reference per-sample functions (the tests pin
 * them to ITU values), and the hot loops are plain typed-array indexing.
 */

function buildDecodeTable(decodeSample: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code += 1) table[code] = decodeSample(code);
  return table;
}

/** Indexed by the sample's 16-bit two's-complement pattern (`sample & 0xffff`). */
function buildEncodeTable(encodeSample: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let pattern = 0; pattern < 65536; pattern += 1) {
    const sample = pattern >= 32768 ? pattern - 65536 : pattern;
    table[pattern] = encodeSample(sample) & 0xff;
  }
  return table;
}

const MULAW_DECODE = buildDecodeTable(mulaw.decodeSample);
const ALAW_DECODE = buildDecodeTable(alaw.decodeSample);
const MULAW_ENCODE = buildEncodeTable(mulaw.encodeSample);
const ALAW_ENCODE = buildEncodeTable(alaw.encodeSample);

function decodeWith(table: Int16Array, bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) samples[i] = table[bytes[i]];
  return samples;
}

function encodeWith(table: Uint8Array, samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) bytes[i] = table[samples[i] & 0xffff];
  return bytes;
}

/** µ-law bytes (one per sample, as Twilio sends them) to 16-bit linear PCM. */
export function decodeMulaw(bytes: Uint8Array): Int16Array {
  return decodeWith(MULAW_DECODE, bytes);
}

/** 16-bit linear PCM to µ-law bytes; values beyond µ-law's range (±32,124) clip. */
export function encodeMulaw(samples: Int16Array): Uint8Array {
  return encodeWith(MULAW_ENCODE, samples);
}

/** A-law bytes (the European carriers' G.711) to 16-bit linear PCM. */
export function decodeAlaw(bytes: Uint8Array): Int16Array {
  return decodeWith(ALAW_DECODE, bytes);
}

/** 16-bit linear PCM to A-law bytes. */
export function encodeAlaw(samples: Int16Array): Uint8Array {
  return encodeWith(ALAW_ENCODE, samples);
}

function buildTranscodeTable(decode: Int16Array, encode: Uint8Array): Uint8Array {
  const table = new Uint8Array(256);
  for (let code = 0; code < 256; code += 1) table[code] = encode[decode[code] & 0xffff];
  return table;
}

const ALAW_TO_MULAW = buildTranscodeTable(ALAW_DECODE, MULAW_ENCODE);
const MULAW_TO_ALAW = buildTranscodeTable(MULAW_DECODE, ALAW_ENCODE);

/**
 * A-law bytes to µ-law bytes, one look-up per sample (through linear PCM, at load): a SIP trunk's
 * PCMA audio for code that reads µ-law, e.g. the recogniser.
 */
export function alawToMulaw(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = ALAW_TO_MULAW[bytes[i]];
  return out;
}

/** µ-law bytes to A-law bytes: the agent's µ-law voice to a PCMA trunk. */
export function mulawToAlaw(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = MULAW_TO_ALAW[bytes[i]];
  return out;
}
