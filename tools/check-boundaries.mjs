#!/usr/bin/env node
// Reads the Nx project graph and fails if an app depends on another app or a lib depends on an
// app: services talk over NATS only. (ESLint's @nx/enforce-module-boundaries checks each import;
// this checks the whole graph, including dependencies that no single file shows.)
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = join(tmpdir(), `callcart-graph-${process.pid}.json`);
execFileSync('npx', ['nx', 'graph', `--file=${file}`], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false', NX_ISOLATE_PLUGINS: 'false', npm_config_loglevel: 'error' },
});
const { graph } = JSON.parse(readFileSync(file, 'utf8'));
rmSync(file, { force: true });
const typeOf = (name) => graph.nodes[name]?.type;
const offending = Object.entries(graph.dependencies).flatMap(([source, deps]) =>
  deps.filter((dep) => typeOf(dep.target) === 'app').map((dep) => `${source} (${typeOf(source)}) -> ${dep.target} (app)`),
);
const projects = Object.keys(graph.nodes).length;
if (offending.length) {
  console.error(`boundaries: ${offending.length} forbidden dependencies on apps:\n  ${offending.join('\n  ')}`);
  process.exit(1);
}
console.log(`boundaries: ${projects} projects, no project depends on an app`);
