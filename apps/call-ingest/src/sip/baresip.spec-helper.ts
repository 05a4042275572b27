import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '@callcart/audio';
import { eventually, freePortBlock } from '@callcart/testing';

/** baresip's ports from its base: SIP (UDP/TCP), SIP over TLS, RTP +2…+40, the console +50. */
const PORT_BLOCK = 52;
const START_ATTEMPTS = 3;

/**
 * Debian's baresip (1.0) as a caller, headless: its microphone is a WAV file (`aufile`), what it
 * sends and receives is recorded by `sndfile` (`dump-…-enc.wav` / `dump-…-dec.wav`), the keypad
 * is its `cons` UDP console (a digit typed during a call goes out as RFC 4733 events), and it has
 * no sound card (`aubridge` stands in for the speaker).
 */
export class BaresipCaller {
  private constructor(
    private readonly dir: string,
    private readonly consolePort: number,
    private readonly child: ChildProcess,
    readonly exited: Promise<number | null>,
  ) {}

  /**
   * Starts baresip on a free block of ports and dials `uri` at once; `microphone` is an 8 kHz mono
   * 16-bit WAV. Resolves once baresip says it is connecting; a port taken between the probe and
   * baresip's bind (it then exits at once) is tried again on another block.
   */
  static async start(options: { uri: string; codec: 'PCMA' | 'PCMU'; microphone: Uint8Array }): Promise<BaresipCaller> {
    const failures: string[] = [];
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
      const caller = BaresipCaller.spawn(options, await freePortBlock(PORT_BLOCK));
      const outcome = await caller.dialled();
      if (outcome === 'dialling') return caller;
      failures.push(outcome);
      await caller.stop();
    }
    throw new Error(`baresip did not start after ${START_ATTEMPTS} tries:\n${failures.join('\n---\n')}`);
  }

  private static spawn(options: { uri: string; codec: 'PCMA' | 'PCMU'; microphone: Uint8Array }, basePort: number): BaresipCaller {
    const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
    const consolePort = basePort + 50;
    writeFileSync(join(dir, 'microphone.wav'), options.microphone);
    writeFileSync(
      join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen 127.0.0.1:${basePort}`,
        'audio_player aubridge,nowhere',
        'audio_alert aubridge,nowhere',
        `audio_source aufile,${join(dir, 'microphone.wav')}`,
        'ausrc_srate 8000',
        'auplay_srate 8000',
        'ausrc_channels 1',
        'auplay_channels 1',
        `rtp_ports ${basePort + 2}-${basePort + 40}`,
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module aufile.so',
        'module aubridge.so',
        'module sndfile.so',
        'module cons.so',
        `cons_listen 127.0.0.1:${consolePort}`,
        `snd_path ${dir}`,
        'module_app account.so',
        'module_app menu.so',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'accounts'), `<sip:caller@127.0.0.1>;regint=0;audio_codecs=${options.codec}\n`);
    // Its output goes to baresip.log in its directory, for looking into a failed run.
    const log = openSync(join(dir, 'baresip.log'), 'w');
    const child = spawn('baresip', ['-f', dir, '-e', `/dial ${options.uri}`], { cwd: dir, stdio: ['ignore', log, log] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return new BaresipCaller(dir, consolePort, child, exited);
  }

  /** baresip's own output so far. */
  log(): string {
    return readFileSync(join(this.dir, 'baresip.log'), 'utf8');
  }

  /** 'dialling' once baresip is placing the call, else what it printed before it exited or stalled. */
  private async dialled(): Promise<'dialling' | string> {
    try {
      await eventually(() => this.child.exitCode !== null || this.log().includes('call: connecting'), 'baresip dialling', 10_000);
    } catch {
      return `no dial within 10 s:\n${this.log()}`;
    }
    return this.child.exitCode === null ? 'dialling' : `exited with ${this.child.exitCode}:\n${this.log()}`;
  }

  /** Presses keys on the phone's keypad, one every 300 ms. */
  async pressKeys(keys: string): Promise<void> {
    const socket = createSocket('udp4');
    for (const key of keys) {
      await new Promise<void>((resolve) => socket.send(key, this.consolePort, '127.0.0.1', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    socket.close();
  }

  /** What baresip received and decoded (8 kHz PCM), once the call has ended and the file is complete. */
  received(): Int16Array {
    const file = readdirSync(this.dir).find((name) => name.endsWith('-dec.wav'));
    if (!file) throw new Error('baresip recorded nothing');
    return readWav(readFileSync(join(this.dir, file))).samples;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
