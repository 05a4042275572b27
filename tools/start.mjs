#!/usr/bin/env node
// `npm start`: makes sure dependencies, NATS and PostgreSQL are there, builds, and runs every
// service as its own process with prefixed logs until Ctrl-C. Only Node's built-ins are used
// before `npm install` has run, so this works on a fresh clone.
//
//   npm start                               one process per service
//   npm start -- --replicas speech=2,orders=2   (or CALLCART_REPLICAS=speech=2,orders=2)
//   npm start -- --json                     raw JSON log lines instead of the readable form
//   npm start -- --no-demo                  (or CALLCART_DEMO=false) skip the demo set-up (apps/demo seed)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  { app: 'gateway', port: 3000 },
  { app: 'call-ingest', port: 3001 },
  { app: 'speech', port: 3002 },
  { app: 'catalogue', port: 3003 },
  { app: 'orders', port: 3004 },
  { app: 'voice', port: 3005 },
];
/** Replica n (from 2) of a service listens on its port + 100 × (n − 1). */
const REPLICA_PORT_STEP = 100;
/** The gateway serves /metrics on a port of its own (GATEWAY_METRICS_PORT), not on its public one. */
const GATEWAY_METRICS_PORT = 9300;

function parseArgs(argv) {
  const options = { replicas: process.env.CALLCART_REPLICAS ?? '', json: false, demo: process.env.CALLCART_DEMO !== 'false' };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--json') options.json = true;
    else if (argv[i] === '--no-demo') options.demo = false;
    else if (argv[i] === '--replicas') options.replicas = argv[++i] ?? '';
    else if (argv[i].startsWith('--replicas=')) options.replicas = argv[i].slice('--replicas='.length);
    else fail(`unknown option ${argv[i]} (known: --replicas app=N,..., --json, --no-demo)`);
  }
  const counts = Object.fromEntries(SERVICES.map(({ app }) => [app, 1]));
  for (const part of options.replicas.split(',').filter(Boolean)) {
    const [app, count] = part.split('=');
    if (!(app in counts) || !/^[1-9]$/.test(count ?? '')) fail(`--replicas: "${part}" is not <service>=<1-9> (services: ${Object.keys(counts).join(', ')})`);
    counts[app] = Number(count);
  }
  return { ...options, counts };
}

function fail(message) {
  console.error(`callcart: ${message}`);
  process.exit(1);
}

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { npm_config_loglevel: 'error', ...process.env } });
  if (result.status !== 0) fail(`${title} failed (exit ${result.status})`);
}

function needsInstall() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  return !existsSync(marker) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
}

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93];
function printer(label, color, json) {
  const tag = `\x1b[${color}m${label.padEnd(14)}\x1b[0m│ `;
  return (line) => {
    if (json) return console.log(tag + line);
    try {
      const { level, time, msg, service: _service, context, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
      const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
      console.log(`${tag}${String(time ?? '').slice(11, 19)} ${String(level).padEnd(5)} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}`);
    } catch {
      console.log(tag + line);
    }
  };
}

async function waitHealthy(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const options = parseArgs(process.argv.slice(2));
if (needsInstall()) step('installing npm packages (npm ci)', 'npm', ['ci']);
step('making sure NATS and PostgreSQL run (infra/local/up.sh)', 'bash', [join(root, 'infra', 'local', 'up.sh')]);
step('building the services', process.execPath, [join(root, 'tools', 'build.mjs')]);
step('building the web app', process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'apps', 'web', 'vite.config.ts'), '--logLevel', 'warn']);

// npm start is the development set-up: a known first admin unless the environment names one.
// It listens on this machine only (its admin password is published) unless HTTP_HOST says otherwise.
const devAdmin = {
  GATEWAY_ADMIN_USERNAME: process.env.GATEWAY_ADMIN_USERNAME ?? 'admin',
  GATEWAY_ADMIN_PASSWORD: process.env.GATEWAY_ADMIN_PASSWORD ?? 'callcart-dev-admin', // refused in production (gateway.config.ts)
  HTTP_HOST: process.env.HTTP_HOST ?? '127.0.0.1',
};

const children = [];
let stopping = false;
let colorIndex = 0;
for (const { app, port } of SERVICES) {
  for (let replica = 1; replica <= options.counts[app]; replica += 1) {
    // <SERVICE>_HTTP_PORT moves the first replica; the health check and the banner follow it.
    const firstPort = Number(process.env[`${app.toUpperCase().replace('-', '_')}_HTTP_PORT`] ?? port);
    const httpPort = (replica === 1 ? firstPort : port) + REPLICA_PORT_STEP * (replica - 1);
    const label = options.counts[app] > 1 ? `${app}#${replica}` : app;
    const metricsPort = app === 'gateway' ? Number(process.env.GATEWAY_METRICS_PORT ?? GATEWAY_METRICS_PORT) + REPLICA_PORT_STEP * (replica - 1) : httpPort;
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'apps', app, 'src', 'main.js')], {
      cwd: root,
      env: { ...devAdmin, ...process.env, HTTP_PORT: String(httpPort), SERVICE_INSTANCE: label, ...(app === 'gateway' ? { GATEWAY_METRICS_PORT: String(metricsPort) } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const print = printer(label, COLORS[colorIndex++ % COLORS.length], options.json);
    createInterface({ input: child.stdout }).on('line', print);
    createInterface({ input: child.stderr }).on('line', print);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`callcart: ${label} exited (${code ?? signal}); stopping everything`);
        shutdown(1);
      }
    });
    children.push({ label, child, url: `http://127.0.0.1:${httpPort}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` });
  }
}

function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\n▶ stopping every service');
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  const killer = setTimeout(() => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')), 10_000);
  Promise.all(children.map(({ child }) => (child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve))))).then(() => {
    clearTimeout(killer);
    process.exit(exitCode);
  });
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/**
 * The demo set-up (apps/demo `seed`: catalogue, agent, customer with a funded wallet; idempotent)
 * against the running services, with the same environment. Its report is kept and printed with
 * the banner; a failed seed is reported but leaves the services running.
 */
function seedDemo(gatewayUrl) {
  console.log('\n▶ setting up the demo (apps/demo seed; skip with --no-demo)');
  const seed = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'apps', 'demo', 'src', 'main.js'), 'seed', '--gateway', gatewayUrl], {
    cwd: root,
    env: { ...devAdmin, ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  seed.stdout.on('data', (chunk) => (output += chunk));
  seed.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => seed.once('exit', (code) => resolve({ ok: code === 0, output: output.trimEnd() })));
}

const healthy = await Promise.all(children.map(({ url, child }) => waitHealthy(`${url}/health`, child)));
if (stopping) await new Promise(() => {});
const gatewayUrl = children.find(({ label }) => label === 'gateway' || label === 'gateway#1').url;
const demo = options.demo && !healthy.includes(false) ? await seedDemo(gatewayUrl) : undefined;
if (stopping) await new Promise(() => {});
const table = children.map(({ label, url, metricsUrl }, i) => `  ${label.padEnd(14)} ${url.padEnd(24)} ${healthy[i] ? 'healthy' : 'NOT HEALTHY'}   ${url}/health  ${metricsUrl}`);
const demoText = !demo
  ? ''
  : demo.ok
    ? `\n${demo.output}\n`
    : `\n${demo.output}\ncallcart: the demo set-up failed (above); the services keep running. Fix it and run \`npm run demo:seed\`.\n`;
console.log(`\n▶ callcart is running (Ctrl-C stops it all)\n${table.join('\n')}\n\n  agent desk  ${gatewayUrl}/      shop  ${gatewayUrl}/shop      admin  ${gatewayUrl}/admin\n  first admin: ${devAdmin.GATEWAY_ADMIN_USERNAME} / ${devAdmin.GATEWAY_ADMIN_PASSWORD} (created if no admin exists; create agents under /admin)\n${demoText}`);
if (healthy.includes(false)) shutdown(1);
