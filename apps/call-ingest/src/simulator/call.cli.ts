import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { spokenFrames, wavFileFrames } from '@callcart/telephony';
import { simulateCall, type SimulatedCallEvent } from './call-simulator';

/**
 * `callcart call` (run through tools/callcart.mjs): a phone call without a phone. Speaks `--say`
 * with espeak-ng (or plays `--wav`), streams it to call-ingest's media WebSocket as Twilio would,
 * presses the `--dtmf` keys, and prints what the system made of the call from NATS (NATS_URL,
 * NATS_PREFIX, NATS_USER, NATS_PASSWORD), with times in ms since the call started. With
 * TWILIO_AUTH_TOKEN set it signs the WebSocket upgrade as Twilio does.
 */

export interface CallCommandOptions {
  from: string;
  to: string;
  wav?: string;
  say?: string;
  voice: string;
  dtmf: string;
  url: string;
  fast?: boolean;
  realtime?: boolean;
  json?: boolean;
  settleMs: number;
  nats: boolean;
  signedUrl?: string;
}

function dtmfDigits(value: string): string {
  if (!/^[0-9*#A-D]*$/.test(value)) throw new InvalidArgumentError('keypad digits are 0-9, *, #, A-D');
  return value;
}

function wholeMs(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected milliseconds, a whole number ≥ 0');
  return parsed;
}

function mediaUrl(value: string): string {
  if (!/^wss?:\/\/\S+$/.test(value)) throw new InvalidArgumentError('expected ws://host:port/media or wss://…');
  return value;
}

/** One human-readable line per event; `--json` prints the event object instead. */
export function formatCallEvent(event: SimulatedCallEvent): string {
  const at = `+${String(event.atMs).padStart(6)} ms`;
  const { atMs: _atMs, type, ...detail } = event;
  switch (type) {
    case 'transcript':
      return `${at}  transcript ${String(detail.kind).padEnd(7)} "${String(detail.text)}"`;
    case 'matches': {
      const hits = (detail.hits as { name?: string; itemNumber?: string }[]).slice(0, 5).map((hit) => hit.name ?? hit.itemNumber ?? '?');
      return `${at}  matches    "${String(detail.mention)}" ×${String(detail.quantity)}: ${hits.join(' | ') || '(none)'} (${String(detail.total)} in all)`;
    }
    case 'caller-identified':
      return `${at}  caller     ${String(detail.status)}${detail.status === 'returning' ? ` ${JSON.stringify((detail.customer as { name?: string }).name)}` : ''}`;
    default:
      return `${at}  ${type.padEnd(10)} ${Object.entries(detail).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ')}`;
  }
}

/** Runs the command with parsed options; returns the exit code. */
export async function runCallCommand(
  options: CallCommandOptions,
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  const frames = options.wav ? await wavFileFrames(options.wav) : await spokenFrames(options.say ?? '', options.voice);
  const nats = options.nats
    ? { url: env.NATS_URL || 'nats://127.0.0.1:4222', prefix: env.NATS_PREFIX || undefined, user: env.NATS_USER || undefined, password: env.NATS_PASSWORD || undefined }
    : undefined;
  const signing = env.TWILIO_AUTH_TOKEN ? { authToken: env.TWILIO_AUTH_TOKEN, streamUrl: options.signedUrl ?? options.url } : undefined;
  const result = await simulateCall(
    { url: options.url, from: options.from, to: options.to, frames, dtmf: options.dtmf, pace: options.fast ? 'fast' : 'realtime', settleMs: options.settleMs, nats, signing },
    (event) => print(options.json ? JSON.stringify(event) : formatCallEvent(event)),
  );
  const clean = result.close.code === 1000 || result.close.code === 1005;
  if (!clean) print(options.json ? JSON.stringify({ type: 'error', code: result.close.code, reason: result.close.reason }) : `call-ingest closed the stream: ${result.close.code} ${result.close.reason}`);
  return clean ? 0 : 1;
}

/** Parses `callcart call …` arguments and runs the call; returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  let exitCode = 0;
  const program = new Command('callcart call')
    .description('simulate a phone call: stream speech (a synthetic voice or a WAV file) and keypad digits to call-ingest as Twilio does, and print what the system made of it')
    .requiredOption('--from <number>', "the caller's number, e.g. +8613812345678")
    .option('--to <number>', 'the dialled number', '+15550100000')
    .addOption(new Option('--wav <file>', 'a WAV file to play (any rate; converted to 8 kHz µ-law)').conflicts('say'))
    .addOption(new Option('--say <text>', 'text to speak with a synthetic voice').conflicts('wav'))
    .option('--voice <voice>', 'voice for --say: an espeak-ng voice (en-us, en-us+f2, …) or a flite one (flite:kal16, flite:rms, flite:slt)', 'en-us')
    .option('--dtmf <digits>', 'keypad digits to press after speaking', dtmfDigits, '')
    .option('--url <url>', "call-ingest's media WebSocket", mediaUrl, 'ws://127.0.0.1:3001/media')
    .addOption(new Option('--realtime', 'send 20 ms of audio every 20 ms (default)').conflicts('fast'))
    .addOption(new Option('--fast', 'send the audio as fast as possible').conflicts('realtime'))
    .option('--json', 'one JSON object per line')
    .option('--settle-ms <ms>', 'keep listening this long after the call ends', wholeMs, 3000)
    .option('--no-nats', 'do not listen on NATS for transcripts and matches')
    .option('--signed-url <url>', 'with TWILIO_AUTH_TOKEN set: the stream URL call-ingest expects signed (its PUBLIC_URL as wss://…/media; default --url)', mediaUrl)
    .action(async (options: CallCommandOptions) => {
      if (!options.wav && options.say === undefined) program.error('one of --wav FILE or --say "text" is required', { exitCode: 2 });
      exitCode = await runCallCommand(options, env, print);
    });
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code !== undefined) return code;
    throw error;
  }
  return exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`callcart call: ${(error as Error).message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
