export { alawToMulaw, decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw, mulawToAlaw } from './g711.codec';
export { Downsampler16kTo8k, Upsampler8kTo16k } from './half-band.resampler';
export { designHalfBandOddPhase, HALF_BAND_SIDE_TAPS } from './half-band.filter';
export { resampleAnyRate } from './any-rate.resampler';
export { FRAME_MS, FrameSplitter, samplesPerFrame } from './frame.splitter';
export { mixToMono, readWav, WavFormatError, writeWav } from './wav.codec';
export type { WavAudio } from './wav.codec';
export { toTelephoneMulaw, toTelephonePcm } from './telephone-audio';
