#!/usr/bin/env node
// Writes infra/nats/permissions.conf (one NATS user per service, each allowed only its own
// subjects) from libs/contracts and the services' code. `--check` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'tools', 'build.mjs'), 'call-ingest'], { stdio: 'inherit' });
const require = createRequire(import.meta.url);
const { servicePermissions, renderNatsAuthorization } = require(join(root, 'dist', 'libs', 'messaging', 'src', 'index.js'));
const target = join(root, 'infra', 'nats', 'permissions.conf');
const text = renderNatsAuthorization(servicePermissions(root));
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('infra/nats/permissions.conf is stale: run npm run nats:config');
    process.exit(1);
  }
  console.log('infra/nats/permissions.conf is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
