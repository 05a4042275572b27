import { DEMO_AGENT, DEMO_CUSTOMER_ADDRESS, DEMO_CUSTOMER_PHONE, DEMO_WALLET } from '../demo-cast';
import { moneyText } from '../money-text';
import { seedAgent, type AgentSeedReport } from './agent-seed';
import { seedCatalogue, type CatalogueSeedReport } from './catalogue-seed';
import { signInAdmin } from '../admin-session';
import { connectNats, type NatsSettings } from './seed-connections';
import { seedCustomer, type CustomerSeedReport } from './customer-seed';

export interface SeedOptions {
  readonly gatewayUrl: string;
  readonly admin: { readonly username: string; readonly password: string };
  readonly nats: NatsSettings;
}

export interface SeedReport {
  readonly deskUrl: string;
  readonly catalogue: CatalogueSeedReport;
  readonly agent: AgentSeedReport;
  readonly customer: CustomerSeedReport;
  /** False when this run found everything in place and changed nothing. */
  readonly changed: boolean;
}

/**
 * Sets the demo up, idempotently: the demo catalogue, the demo agent and the demo customer with
 * an address and a funded wallet. The admin signs in first (a wrong password or a gateway that is
 * down fails before anything is written), then NATS.
 */
export async function runSeed(options: SeedOptions): Promise<SeedReport> {
  const admin = await signInAdmin(options.gatewayUrl, options.admin);
  try {
    const bus = await connectNats(options.nats);
    try {
      const catalogue = await seedCatalogue(bus, admin.staffId, options.nats.prefix);
      const agent = await seedAgent(admin.client, DEMO_AGENT);
      const customer = await seedCustomer(bus, {
        phone: DEMO_CUSTOMER_PHONE,
        address: DEMO_CUSTOMER_ADDRESS,
        wallet: DEMO_WALLET,
        adminStaffId: admin.staffId,
        natsPrefix: options.nats.prefix,
      });
      const changed =
        catalogue.created + catalogue.updated > 0 ||
        agent.outcome !== 'already there' ||
        customer.registration !== 'already there' ||
        customer.address !== 'already there' ||
        customer.wallet !== 'already there';
      return { deskUrl: `${admin.client.baseUrl}/`, catalogue, agent, customer, changed };
    } finally {
      await bus.close().catch(() => undefined);
    }
  } finally {
    await admin.client.signOut().catch(() => undefined);
  }
}

/** What the seed did and how to use it, for a person reading `npm start`'s output. */
export function formatSeedReport(report: SeedReport): string {
  const { catalogue, agent, customer } = report;
  const importLine =
    catalogue.created + catalogue.updated === 0 && catalogue.rejected === 0
      ? `already there (${catalogue.unchanged} products unchanged)`
      : `${catalogue.created} created, ${catalogue.updated} updated, ${catalogue.unchanged} unchanged, ${catalogue.rejected} rejected`;
  const rejected = catalogue.rejectedRows.slice(0, 5).map((row) => `\n      line ${row.line}: ${row.reason}`).join('');
  const wallet = customer.topUp ? `topped up by ${moneyText(customer.topUp)} to ${moneyText(customer.balance)}` : `already there (${moneyText(customer.balance)})`;
  return [
    '▶ callcart demo',
    `  catalogue   ${catalogue.file}: ${importLine}${rejected}`,
    `  agent       ${agent.username}: ${agent.outcome}`,
    `  customer    ${customer.phone}: ${customer.registration}; address ${customer.address}; wallet ${wallet}`,
    report.changed ? '' : '  nothing changed: the demo was already set up',
    '',
    `  agent desk  ${report.deskUrl}   sign in as ${agent.username} / ${agent.password}`,
    `  the call    npm run demo:call   (a scripted call from ${customer.phone}; watch it on the desk)`,
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n');
}
