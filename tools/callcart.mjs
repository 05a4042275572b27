#!/usr/bin/env node
// The callcart command-line tool, from a checkout: `npx callcart <command> ...` (or
// `npm run callcart -- <command> ...`). Builds what the command needs, then runs it.
//   callcart catalogue import FILE      import products from JSONL or CSV, with progress and a report
//   callcart catalogue reindex          rebuild the search index and swap it in
//   callcart call --from +86... ...     simulate a phone call through the media WebSocket
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = {
  catalogue: { app: 'catalogue', entry: 'dist/apps/catalogue/src/cli/catalogue.cli.js' },
  call: { app: 'call-ingest', entry: 'dist/apps/call-ingest/src/simulator/call.cli.js' },
};
const [command, ...args] = process.argv.slice(2);
const target = COMMANDS[command];
if (!target) {
  console.error(`usage: callcart <${Object.keys(COMMANDS).join('|')}> ...`);
  process.exit(2);
}
const build = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs'), target.app], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const entry = join(root, target.entry);
if (!existsSync(entry)) {
  console.error(`callcart ${command}: not available in this checkout (${target.entry} missing)`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', entry, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
