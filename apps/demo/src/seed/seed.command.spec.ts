import { formatSeedReport, type SeedReport } from './seed.command';

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const firstRun: SeedReport = {
  deskUrl: 'http://127.0.0.1:3000/',
  catalogue: { file: 'demo-catalogue.jsonl', linesRead: 222, created: 222, updated: 0, unchanged: 0, rejected: 0, rejectedRows: [] },
  agent: { username: 'demo.agent', password: 'callcart-demo-agent', staffId: 's', outcome: 'created' },
  customer: { customerId: 'c', phone: '+8613800138000', registration: 'registered', address: 'set', wallet: 'topped up', topUp: cny(100_000), balance: cny(100_000) },
  changed: true,
};
const secondRun: SeedReport = {
  ...firstRun,
  catalogue: { ...firstRun.catalogue, created: 0, unchanged: 222 },
  agent: { ...firstRun.agent, outcome: 'already there' },
  customer: { ...firstRun.customer, registration: 'already there', address: 'already there', wallet: 'already there', topUp: null },
  changed: false,
};

describe('formatSeedReport', () => {
  it('says what the first run created and how to use the demo', () => {
    const text = formatSeedReport(firstRun);
    expect(text).toContain('demo-catalogue.jsonl: 222 created, 0 updated, 0 unchanged, 0 rejected');
    expect(text).toContain('demo.agent: created');
    expect(text).toContain('+8613800138000: registered; address set; wallet topped up by CN¥1,000.00 to CN¥1,000.00');
    expect(text).toContain('http://127.0.0.1:3000/   sign in as demo.agent / callcart-demo-agent');
    expect(text).toContain('npm run demo:call');
    expect(text).not.toContain('nothing changed');
  });

  it('says a second run found everything in place', () => {
    const text = formatSeedReport(secondRun);
    expect(text).toContain('already there (222 products unchanged)');
    expect(text).toContain('wallet already there (CN¥1,000.00)');
    expect(text).toContain('nothing changed');
  });

  it('lists rejected rows', () => {
    const text = formatSeedReport({ ...firstRun, catalogue: { ...firstRun.catalogue, rejected: 1, rejectedRows: [{ line: 7, reason: 'name is required' }] } });
    expect(text).toContain('1 rejected\n      line 7: name is required');
  });
});
