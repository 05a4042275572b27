import { ContractCase, eventCase } from '../fixture-cases';
import { CALL_ID } from '../common/fixtures';
import { transcriptUpdatedV1 } from './transcript-updated.v1';

export const interimTranscript = eventCase(transcriptUpdatedV1, {
  kind: 'interim',
  callId: CALL_ID,
  utteranceId: 'u-0007',
  text: "I'd like two of the nivea hand",
  stability: 0.62,
  startMs: 41200,
  workerId: 'speech-7c9f4d-2',
  language: 'en',
  sequence: 31,
});

export const finalTranscript = eventCase(transcriptUpdatedV1, {
  kind: 'final',
  callId: CALL_ID,
  utteranceId: 'u-0008',
  text: '我要两瓶金龙鱼花生油',
  alternatives: [
    { text: '我要两瓶金龙鱼花生油', confidence: 0.87 },
    { text: '我要两瓶金龙玉花生油', confidence: 0.41 },
    { text: '我要两瓶金龙鱼花生', confidence: 0.22 },
  ],
  startMs: 45310,
  endMs: 47980,
  workerId: 'speech-7c9f4d-2',
  language: 'zh',
});

export const speechCases: readonly ContractCase[] = [interimTranscript, finalTranscript];
