import { Command, InvalidArgumentError } from 'commander';

export interface VoiceBenchOptions {
  /** Concurrent bridged calls (one agent each). */
  readonly calls: number;
  /** Seconds measured, after a second of warm-up. */
  readonly seconds: number;
  readonly json: boolean;
}

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
}

/** `npm run bench:voice [-- --calls N] [--seconds S] [--json]`; throws (commander's message) on a bad option. */
export function parseVoiceBenchOptions(argv: readonly string[]): VoiceBenchOptions {
  const program = new Command('bench:voice')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .option('--calls <n>', 'concurrent bridged calls', positiveInt, 100)
    .option('--seconds <n>', 'seconds measured per call', positiveInt, 20)
    .option('--json', 'print one JSON object', false);
  program.parse([...argv], { from: 'user' });
  const options = program.opts<{ calls: number; seconds: number; json: boolean }>();
  return { calls: options.calls, seconds: options.seconds, json: options.json };
}
