import { ALL_STREAMS, keypadDigitV1 } from '@callcart/contracts';
import { eventually, NatsServerProcess, uniqueRunName } from '@callcart/testing';
import { MessageBus } from './message-bus';

// A private nats-server with authentication, as docker-compose runs it.
describe('MessageBus on a NATS server that requires credentials', () => {
  let server: NatsServerProcess;

  beforeAll(async () => {
    server = await NatsServerProcess.start({ user: 'callcart', password: 'correct-horse' });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('connects with the configured user and password', async () => {
    const prefix = uniqueRunName();
    const bus = await MessageBus.connect({
      servers: server.url,
      user: 'callcart',
      password: 'correct-horse',
      prefix,
      serviceName: 'gateway',
      streams: ALL_STREAMS,
    });
    try {
      const digits: string[] = [];
      await bus.subscribe(keypadDigitV1, (digit) => void digits.push(digit.digit));
      await bus.publish(keypadDigitV1, { callId: 'auth', digit: '#', pressedAt: new Date().toISOString() });
      await eventually(() => digits.length === 1, 'the digit');
      expect(digits).toEqual(['#']);
    } finally {
      await bus.close();
    }
  });

  it('refuses to start with a wrong password, saying why', async () => {
    await expect(
      MessageBus.connect({ servers: server.url, user: 'callcart', password: 'wrong', serviceName: 'gateway', streams: ALL_STREAMS }),
    ).rejects.toThrow(/authoriz/i);
  });
});
