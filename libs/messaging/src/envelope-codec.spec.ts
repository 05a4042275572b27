import { z } from 'zod';
import { audioFrameV1 } from '@callcart/contracts';
import { decodeBinaryHeader, InvalidMessageError, newEnvelopeMeta } from './envelope-codec';

const meta = newEnvelopeMeta({ callId: 'CA-codec' });
const frameHeader = { callId: 'CA-codec', sequenceNumber: 7, timestampMs: 140, encoding: 'alaw', sampleRateHz: 8000 };
const headerJson = (header: unknown) => JSON.stringify({ meta, header });

describe('decodeBinaryHeader', () => {
  it('returns the envelope and the typed header of a valid binary message', () => {
    const decoded = decodeBinaryHeader('calls.audio.frame.v1', headerJson(frameHeader), audioFrameV1.meta);
    expect(decoded).toEqual({ meta, header: frameHeader });
  });

  it('refuses a header that breaks the contract, with the field that is wrong, on every message (the schema is built once and reused)', () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(() => decodeBinaryHeader('calls.audio.frame.v1', headerJson({ ...frameHeader, encoding: 'opus' }), audioFrameV1.meta)).toThrow(
        /header\.encoding/,
      );
    }
  });

  it('checks each contract against its own header schema, not the one of the contract decoded before it', () => {
    const otherMeta = z.object({ callId: z.string(), speaker: z.enum(['caller', 'agent']) });
    const other = { callId: 'CA-codec', speaker: 'agent' };
    expect(decodeBinaryHeader('calls.other.v1', headerJson(other), otherMeta).header).toEqual(other);
    expect(() => decodeBinaryHeader('calls.audio.frame.v1', headerJson(other), audioFrameV1.meta)).toThrow(InvalidMessageError);
    expect(() => decodeBinaryHeader('calls.other.v1', headerJson(frameHeader), otherMeta)).toThrow(/speaker/);
  });

  it('refuses a missing or unreadable envelope header', () => {
    expect(() => decodeBinaryHeader('calls.audio.frame.v1', undefined, audioFrameV1.meta)).toThrow(/missing envelope header/);
    expect(() => decodeBinaryHeader('calls.audio.frame.v1', '{not json', audioFrameV1.meta)).toThrow(/not JSON/);
  });
});
