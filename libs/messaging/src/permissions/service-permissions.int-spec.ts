import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ALL_STREAMS } from '@callcart/contracts';
import { eventually, NatsServerProcess, WORKSPACE_ROOT } from '@callcart/testing';
import { MessageBus } from '../message-bus';
import { passwordVariable, renderNatsAuthorization, SERVICE_DOMAINS, servicePermissions } from './service-permissions';

const permissionsFile = join(WORKSPACE_ROOT, 'infra', 'nats', 'permissions.conf');
const passwordOf = (service: string) => `test-password-of-${service}`;

describe('NATS users per service (infra/nats/permissions.conf)', () => {
  let server: NatsServerProcess;
  let configDir: string;
  const connections: NatsConnection[] = [];
  /** Permission errors the server reported to each connection. */
  const violations = new Map<string, string[]>();

  async function connectAs(service: string, password = passwordOf(service)): Promise<NatsConnection> {
    const nc = await connect({ servers: server.url, user: service, pass: password });
    connections.push(nc);
    violations.set(service, violations.get(service) ?? []);
    void (async () => {
      for await (const status of nc.status()) {
        const text = JSON.stringify(status, (_key, value: unknown) => (value instanceof Error ? value.message : value));
        if (/permission/i.test(text)) violations.get(service)!.push(text);
      }
    })();
    return nc;
  }

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'callcart-nats-conf-'));
    const file = join(configDir, 'nats.conf');
    // nats-server reads includes relative to the including file: the test's file sits beside a copy.
    writeFileSync(join(configDir, 'permissions.conf'), readFileSync(permissionsFile));
    writeFileSync(file, 'include ./permissions.conf\n');
    const env = Object.fromEntries(Object.keys(SERVICE_DOMAINS).map((service) => [passwordVariable(service), passwordOf(service)]));
    server = await NatsServerProcess.startWithConfig(file, env);
  });

  afterAll(async () => {
    for (const nc of connections) await nc.close();
    await server?.destroy();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('is what the generator makes of the contracts and the code today (it cannot drift)', () => {
    expect(readFileSync(permissionsFile, 'utf8')).toBe(renderNatsAuthorization(servicePermissions(WORKSPACE_ROOT)));
  });

  it('lets a service publish its own events and send and answer its own requests', async () => {
    const gateway = await connectAs('gateway');
    const callIngest = await connectAs('call-ingest');
    const orders = await connectAs('orders');
    const started: string[] = [];
    gateway.subscribe('calls.call.started.v1', { callback: (_error, msg) => void started.push(msg.string()) });
    orders.subscribe('orders.cart.get.v1', { callback: (_error, msg) => void msg.respond('{"ok":true}') });
    await gateway.flush();
    await orders.flush();
    callIngest.publish('calls.call.started.v1', 'a call');
    await eventually(() => started.length === 1, 'call started received');
    const reply = await gateway.request('orders.cart.get.v1', '{}', { timeout: 2000 });
    expect(reply.string()).toBe('{"ok":true}');
  });

  it("refuses a service publishing another service's subject, and subscribing outside its own", async () => {
    const gateway = await connectAs('gateway');
    const speech = await connectAs('speech');
    const placed: string[] = [];
    gateway.subscribe('orders.order.placed.v1', { callback: (_error, msg) => void placed.push(msg.string()) });
    await gateway.flush();
    speech.publish('orders.order.placed.v1', 'a forged order');
    speech.publish('orders.cart.add-item.v1', 'a forged cart line');
    await eventually(() => violations.get('speech')!.length >= 2, 'the server reports the violations to speech');
    await gateway.flush();
    expect(placed).toEqual([]);
    expect(violations.get('speech')!.join(' ')).toContain('orders.order.placed.v1');

    gateway.subscribe('kv.speech-claims.>', { callback: () => undefined });
    await eventually(() => violations.get('gateway')!.some((text) => text.includes('kv.speech-claims')), 'a refused subscription');
  });

  it("lets call-ingest and speech receive the agent's audio and call-ingest the call control, which call-ingest may not forge", async () => {
    const callIngest = await connectAs('call-ingest');
    const speech = await connectAs('speech');
    const ingestBefore = violations.get('call-ingest')!.length;
    const speechBefore = violations.get('speech')!.length;
    const heard: string[] = [];
    callIngest.subscribe('calls.audio.agent.v1.*', { callback: (_error, msg) => void heard.push(`ingest ${msg.string()}`) });
    callIngest.subscribe('calls.control.command.v1.*', { callback: (_error, msg) => void heard.push(`ingest ${msg.string()}`) });
    speech.subscribe('calls.audio.agent.v1.*', { callback: (_error, msg) => void heard.push(`speech ${msg.string()}`) });
    await callIngest.flush();
    await speech.flush();
    expect(violations.get('call-ingest')!.slice(ingestBefore)).toEqual([]);
    expect(violations.get('speech')!.slice(speechBefore)).toEqual([]);
    callIngest.publish('calls.control.command.v1.CA1', 'a forged hangup');
    await eventually(() => violations.get('call-ingest')!.some((text) => text.includes('calls.control.command.v1')), 'the forged command refused');
    await callIngest.flush();
    expect(heard).toEqual([]);
  });

  it('refuses a wrong password, and lets a service set up its JetStream streams with its own user', async () => {
    await expect(connectAs('orders', 'wrong')).rejects.toThrow(/authoriz/i);
    const bus = await MessageBus.connect({ servers: server.url, user: 'orders', password: passwordOf('orders'), serviceName: 'orders', streams: ALL_STREAMS });
    await bus.close();
  });
});
