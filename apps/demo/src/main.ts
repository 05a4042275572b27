import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { DemoCall } from './call/demo-call.script';
import { DEFAULT_GATEWAY_URL, DEFAULT_MEDIA_URL, DEMO_AGENT, DEMO_CUSTOMER_PHONE, devAdmin } from './demo-cast';
import { DemoProblem } from './demo-problem';
import { formatSeedReport, runSeed } from './seed/seed.command';
import { natsSettingsFromEnv } from './seed/seed-connections';

/**
 * The callcart demo (issue 7): `seed` sets up a demo catalogue, agent and customer (tools/start.mjs
 * runs it after every service is healthy); `call` plays a scripted phone call that shows the
 * whole story on the agent desk. `npm run demo:seed` / `npm run demo:call` build and run these.
 */
function httpUrl(value: string): string {
  if (!/^https?:\/\/\S+$/.test(value)) throw new InvalidArgumentError('expected http://HOST:PORT');
  return value.replace(/\/+$/, '');
}

function mediaUrl(value: string): string {
  if (!/^wss?:\/\/\S+$/.test(value)) throw new InvalidArgumentError('expected ws://HOST:PORT/media');
  return value;
}

function phoneNumber(value: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(value)) throw new InvalidArgumentError('expected a number in E.164 form, e.g. +8613800138000');
  return value;
}

/** A problem the user can fix is one line; anything else keeps its stack for a bug report. */
function fail(error: unknown): never {
  if (error instanceof DemoProblem) console.error(`demo: ${error.message}`);
  else console.error(`demo: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}

const program = new Command('demo').description('the callcart demo: seed it, then play a scripted call').showHelpAfterError();

program
  .command('seed')
  .description('import the demo catalogue, create the demo agent and the demo customer with a funded wallet (idempotent)')
  .option('--gateway <url>', 'the gateway', httpUrl, DEFAULT_GATEWAY_URL)
  .option('--json', 'print the report as JSON')
  .addHelpText('after', '\nReads NATS_URL, NATS_PREFIX, NATS_USER, NATS_PASSWORD (as the services) and GATEWAY_ADMIN_USERNAME / GATEWAY_ADMIN_PASSWORD (default admin / callcart-dev-admin).')
  .action(async (options: { gateway: string; json?: boolean }) => {
    try {
      const report = await runSeed({ gatewayUrl: options.gateway, admin: devAdmin(), nats: natsSettingsFromEnv() });
      console.log(options.json ? JSON.stringify(report) : formatSeedReport(report));
      process.exit(0);
    } catch (error) {
      fail(error);
    }
  });

program
  .command('call')
  .description('a scripted spoken call from the demo customer, shown on the desk of the demo agent')
  .option('--gateway <url>', 'the gateway', httpUrl, DEFAULT_GATEWAY_URL)
  .option('--media <url>', "call-ingest's media WebSocket", mediaUrl, DEFAULT_MEDIA_URL)
  .option('--from <phone>', 'the caller (the seeded demo customer)', phoneNumber, DEMO_CUSTOMER_PHONE)
  .option('--fast', 'short pauses between steps (the audio still plays in real time)')
  .option('--json', 'narrate on stderr and print the result as JSON on stdout')
  .addHelpText('after', '\nReads GATEWAY_ADMIN_USERNAME / GATEWAY_ADMIN_PASSWORD (default admin / callcart-dev-admin) to read the sign-in code from the SMS outbox.')
  .action(async (options: { gateway: string; media: string; from: string; fast?: boolean; json?: boolean }) => {
    try {
      const write = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
      const result = await new DemoCall({
        gatewayUrl: options.gateway,
        mediaUrl: options.media,
        from: options.from,
        agent: DEMO_AGENT,
        admin: devAdmin(),
        fast: options.fast === true,
        write,
      }).run();
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(result.ok ? 0 : 1);
    } catch (error) {
      fail(error);
    }
  });

program.parseAsync(process.argv).catch(fail);
