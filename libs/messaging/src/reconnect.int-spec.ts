import { ALL_STREAMS, callStartedV1, keypadDigitV1 } from '@callcart/contracts';
import { eventually, NatsServerProcess, uniqueRunName } from '@callcart/testing';
import { callStartedPayload as started } from './call-started.spec-helper';
import { MessageBus } from './message-bus';


// A private nats-server is killed and restarted here: never the machine's shared one.
describe('MessageBus across a NATS server restart', () => {
  let server: NatsServerProcess;
  let listener: MessageBus;
  let sender: MessageBus;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    const prefix = uniqueRunName();
    listener = await MessageBus.connect({ servers: server.url, prefix, serviceName: 'orders', streams: ALL_STREAMS });
    sender = await MessageBus.connect({ servers: server.url, prefix, serviceName: 'call-ingest', streams: ALL_STREAMS });
  });

  afterAll(async () => {
    await listener?.close();
    await sender?.close();
    await server?.destroy();
  });

  it('reconnects by itself; subscriptions and durable consumers go on where they were', async () => {
    const digits: string[] = [];
    const calls: string[] = [];
    await listener.subscribe(keypadDigitV1, (digit) => void digits.push(digit.digit));
    await listener.consume(callStartedV1, { durable: 'orders-calls' }, (call) => void calls.push(call.callId));

    await sender.publish(keypadDigitV1, { callId: 'r1', digit: '1', pressedAt: new Date().toISOString() });
    await sender.publish(callStartedV1, started('before'));
    await eventually(() => digits.length === 1 && calls.length === 1, 'messages before the restart', 10_000);

    await server.stop();
    await eventually(() => !listener.isConnected(), 'the listener to notice the outage', 10_000);
    await server.restart();
    await eventually(() => listener.isConnected() && sender.isConnected(), 'both to reconnect', 10_000);

    // Stored: published once, it must arrive however long the consumer takes to resume.
    await sender.publish(callStartedV1, started('after'));
    // Core NATS is at most once: a message sent before the listener's subscriptions reach the
    // restarted server is gone by design. The subscription going on is what is tested, so the
    // digit is sent again every 250 ms until it arrives.
    let lastSent = 0;
    await eventually(async () => {
      if (digits.includes('2')) return true;
      if (Date.now() - lastSent >= 250) {
        lastSent = Date.now();
        await sender.publish(keypadDigitV1, { callId: 'r1', digit: '2', pressedAt: new Date().toISOString() });
      }
      return false;
    }, 'a core message after the restart', 20_000);
    await eventually(() => calls.length === 2, 'the stored message after the restart', 30_000);
    expect(digits[0]).toBe('1');
    expect(new Set(digits)).toEqual(new Set(['1', '2']));
    expect(calls).toEqual(['before', 'after']);
  }, 70_000);
});
