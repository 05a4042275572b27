import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortBlock } from '@callcart/testing';


/** The sipp scenarios of these tests (XML files written for callcart). */
export const SIPP_SCENARIOS = join(__dirname, 'sipp');

export interface SippRun {
  readonly exitCode: number | null;
  readonly output: string;
}

/**
 * Runs one sipp call (`-m 1`) of a scenario against callcart's SIP port, in a temporary working
 * directory holding `files` (e.g. the WAV its `rtp_stream` plays as `caller.wav`). Resolves with
 * sipp's exit code (0: every step of the scenario happened as written) and its error output.
 */
export async function runSipp(
  scenario: string,
  target: { port: number; transport?: 'udp' | 'tcp' },
  options: { files?: Record<string, string>; args?: string[]; timeoutS?: number } = {},
): Promise<SippRun> {
  // sipp cannot take port 0: its SIP port and its media port (RTP and RTCP) from a probed free block.
  const sipPort = await freePortBlock(6);
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  for (const [name, source] of Object.entries(options.files ?? {})) copyFileSync(source, join(dir, name));
  const args = [
    '-sf',
    join(SIPP_SCENARIOS, scenario),
    '-m',
    '1',
    '-t',
    target.transport === 'tcp' ? 't1' : 'u1',
    '-i',
    '127.0.0.1',
    '-p',
    String(sipPort),
    '-mp',
    String(sipPort + 2),
    '-nostdin',
    '-timeout',
    `${options.timeoutS ?? 30}s`,
    '-timeout_error',
    '-trace_err',
    '-error_file',
    join(dir, 'errors.log'),
    ...(options.args ?? []),
    `127.0.0.1:${target.port}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      let errors = '';
      try {
        errors = readFileSync(join(dir, 'errors.log'), 'utf8');
      } catch {
        // no errors logged
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, output: `${errors}\n${output}`.trim() });
    });
  });
}
