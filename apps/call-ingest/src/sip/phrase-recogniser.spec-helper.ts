import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '@callcart/audio';

/** The speech service's cepstral-mean start for telephone audio (decoder-pool.ts), so 8 kHz audio is read as such. */
const TELEPHONE_CMN_INIT = '44,22,-36,41,-22,1,10,-29,14,-17,0.5,5,-15';

/** Products a caller might name: the recogniser must pick the one said out of all of them. */
export const TEST_PRODUCTS = [
  'green tea',
  'rice cooker',
  'peanut oil',
  'soy sauce',
  'orange juice',
  'chocolate milk',
  'tomato soup',
  'paper towels',
  'washing powder',
  'hand cream',
  'coffee beans',
  'instant noodles',
];

const GRAMMAR = `#JSGF V1.0;
grammar order;
public <utterance> = [<lead>] <product> [<tail>];
<lead> = i would like the | i want the | your order of;
<tail> = please | is confirmed | thank you;
<product> = ${TEST_PRODUCTS.join(' | ')};
`;

/**
 * Recognises 8 kHz telephone audio against a small grammar of orders naming {@link TEST_PRODUCTS},
 * with Debian's pocketsphinx (the CLI: an app may not import the speech service's recogniser).
 * Returns the words heard ('' for nothing). A test that expects one product passes only if
 * that one, out of twelve, is heard.
 */
export function recogniseOrder(pcm8k: Int16Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'recognise-'));
  try {
    writeFileSync(join(dir, 'order.gram'), GRAMMAR);
    writeFileSync(join(dir, 'audio.wav'), writeWav(pcm8k, 8000));
    execFileSync('sox', [join(dir, 'audio.wav'), '-r', '16000', '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', join(dir, 'audio.raw')]);
    const words = execFileSync(
      'pocketsphinx_continuous',
      ['-infile', join(dir, 'audio.raw'), '-jsgf', join(dir, 'order.gram'), '-cmninit', TELEPHONE_CMN_INIT, '-logfn', '/dev/null'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return words.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
