import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@callcart/contracts';
import type { Contract } from '@callcart/contracts';

/** The services that connect to NATS, each with the subject domain it owns (gateway owns none). */
export const SERVICE_DOMAINS: Readonly<Record<string, string | undefined>> = {
  'call-ingest': 'calls',
  speech: 'speech',
  catalogue: 'catalogue',
  orders: 'orders',
  voice: 'voice',
  gateway: undefined,
};

/** What one service may publish and subscribe to, as NATS permission subjects. */
export interface ServicePermissions {
  readonly service: string;
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** Every contract exported by `@callcart/contracts`, by its export name (`callStartedV1`). */
function contractsByName(): Map<string, Contract> {
  const byName = new Map<string, Contract>();
  for (const [name, value] of Object.entries(contracts)) {
    if (contracts.ALL_CONTRACTS.includes(value as Contract)) byName.set(name, value as Contract);
  }
  return byName;
}

/** Folders of development tools inside an app (benchmarks, the call simulator): not the service's needs. */
const DEV_TOOL_FOLDERS = new Set(['bench', 'simulator']);

function isProductionSource(file: string): boolean {
  return file.endsWith('.ts') && !/\.(spec|int-spec|spec-helper)\.ts$/.test(file) && !file.endsWith('.d.ts');
}

function sourcesOf(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!DEV_TOOL_FOLDERS.has(entry.name)) files.push(...sourcesOf(path));
    } else if (isProductionSource(entry.name)) files.push(path);
  }
  return files;
}

const domainOf = (contract: Contract) => contract.subject.split('.')[0];

/** A contract's subject as a permission: per-call subjects end in the call id. */
function permissionSubject(contract: Contract, prefix: string): string {
  const scoped = contract.kind !== 'request' && contract.scope === 'call' ? `${contract.subject}.*` : contract.subject;
  return prefix ? `${prefix}.${scoped}` : scoped;
}

/**
 * Works out each service's NATS permissions from the contracts its own (non-test) code names, so
 * they cannot drift from the code: a service publishes the events of its own domain and the
 * requests it sends to others; it subscribes to the events of other domains it reads and to the
 * requests of its own domain it answers (replies go out through `allow_responses`). Every
 * service may use the JetStream API and its own key-value buckets (`kv.<bucket>.>`), and
 * receives replies and pulled messages on `_INBOX.>`.
 */
export function servicePermissions(repoRoot: string, prefix = ''): ServicePermissions[] {
  const byName = contractsByName();
  const withPrefix = (subject: string) => (prefix ? `${prefix}.${subject}` : subject);
  return Object.entries(SERVICE_DOMAINS).map(([service, domain]) => {
    const text = sourcesOf(join(repoRoot, 'apps', service, 'src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const publish = new Set<string>(['$JS.API.>', '$JS.ACK.>']);
    const subscribe = new Set<string>(['_INBOX.>']);
    for (const [name, contract] of byName) {
      if (!new RegExp(`\\b${name}\\b`).test(text)) continue;
      const own = domainOf(contract) === domain;
      const subject = permissionSubject(contract, prefix);
      if (contract.kind === 'request') {
        (own ? subscribe : publish).add(subject);
        continue;
      }
      // An event named in a publish or subscribe call says which way it goes (the voice service
      // publishes the agent's audio of the `calls` domain and subscribes to its own `voice`
      // session closes); otherwise its domain does.
      const published = new RegExp(`\\.publish(Binary|BinaryInTurn)?\\(\\s*${name}\\b`).test(text);
      const subscribed = new RegExp(`\\.(subscribe|subscribeBinary|consume)\\(\\s*${name}\\b`).test(text);
      if (published) publish.add(subject);
      if (subscribed) subscribe.add(subject);
      if (!published && !subscribed) (own ? publish : subscribe).add(subject);
    }
    for (const match of text.matchAll(/keyValue<[^>]*>\(\s*'([A-Za-z0-9_-]+)'/g)) {
      publish.add(withPrefix(`kv.${match[1]}.>`));
      subscribe.add(withPrefix(`kv.${match[1]}.>`));
    }
    return { service, publish: [...publish].sort(), subscribe: [...subscribe].sort() };
  });
}

/** The environment variable holding a service's NATS password (`NATS_PASSWORD_CALL_INGEST`). */
export function passwordVariable(service: string): string {
  return `NATS_PASSWORD_${service.toUpperCase().replace(/-/g, '_')}`;
}

const quoted = (subject: string) => JSON.stringify(subject);

/** The `authorization` block for nats-server: one user per service, passwords from the environment. */
export function renderNatsAuthorization(permissions: readonly ServicePermissions[]): string {
  const users = permissions.map(
    ({ service, publish, subscribe }) =>
      `    {\n      user: ${quoted(service)}\n      password: $${passwordVariable(service)}\n      permissions: {\n` +
      `        publish: { allow: [${publish.map(quoted).join(', ')}] }\n` +
      `        subscribe: { allow: [${subscribe.map(quoted).join(', ')}] }\n` +
      `        allow_responses: true\n      }\n    }`,
  );
  return (
    '# GENERATED by `npm run nats:config` from libs/contracts and the services\' own code: do not edit.\n' +
    '# One NATS user per service, allowed only the subjects its code uses (docs/security.md).\n' +
    `authorization {\n  timeout: 2\n  users: [\n${users.join('\n')}\n  ]\n}\n`
  );
}
