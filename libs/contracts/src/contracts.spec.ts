import { ALL_CONTRACTS } from './all-contracts';
import { callsCases } from './calls/fixtures';
import { catalogueCases } from './catalogue/fixtures';
import { Contract } from './contract';
import * as publicApi from './index';
import { orderCommandCases } from './orders/command-fixtures';
import { accountCases } from './orders/account-fixtures';
import { orderEventCases } from './orders/event-fixtures';
import { fulfilmentCases } from './orders/fulfilment-fixtures';
import { speechCases } from './speech/fixtures';
import { ALL_STREAMS } from './streams';

/**
 * NATS subject matching: tokens split on `.`, `*` matches exactly one token, `>` (last token
 * only) matches one or more remaining tokens.
 */
function subjectMatches(filter: string, subject: string): boolean {
  const filterTokens = filter.split('.');
  const subjectTokens = subject.split('.');
  for (let i = 0; i < filterTokens.length; i++) {
    const token = filterTokens[i];
    if (token === '>') return i === filterTokens.length - 1 && subjectTokens.length > i;
    if (i >= subjectTokens.length || (token !== '*' && token !== subjectTokens[i])) return false;
  }
  return filterTokens.length === subjectTokens.length;
}

/** The subjects a contract is actually published on: per-call ones end with a call id. */
function wireSubjects(contract: Contract): string[] {
  const perCall = contract.kind !== 'request' && contract.scope === 'call';
  return perCall ? [`${contract.subject}.CA5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c`] : [contract.subject];
}

const ALL_FILTERS = ALL_STREAMS.flatMap((stream) => stream.subjects.map((filter) => ({ stream, filter })));

describe('subject matcher used by these tests', () => {
  it.each([
    ['orders.order.placed.>', 'orders.order.placed.v1', true],
    ['orders.order.placed.>', 'orders.order.placed.v1.CA1', true],
    ['orders.order.placed.>', 'orders.order.placed', false],
    ['orders.order.placed.>', 'orders.order.place.v1', false],
    ['calls.*.started.v1', 'calls.call.started.v1', true],
    ['calls.*.started.v1', 'calls.call.x.started.v1', false],
    ['calls.call.*', 'calls.call.started.v1', false],
    ['calls.call.started.v1', 'calls.call.started.v1', true],
    ['calls.call.started.v1', 'calls.call.started.v1.CA1', false],
  ])('%s against %s → %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});

describe('the set of contracts', () => {
  it('has one subject per contract', () => {
    const subjects = ALL_CONTRACTS.map((contract) => contract.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('lists every contract the library exports, and nothing else', () => {
    const exported = (Object.values(publicApi) as unknown[]).filter(
      (value): value is Contract =>
        typeof value === 'object' && value !== null && 'kind' in value && 'subject' in value,
    );
    expect(new Set(exported)).toEqual(new Set(ALL_CONTRACTS));
  });

  it('has a realistic example for every contract, exercised by the domain suites', () => {
    const cases = [callsCases, speechCases, catalogueCases, orderEventCases, orderCommandCases, accountCases, fulfilmentCases].flat();
    const covered = new Set(cases.map((example) => example.contract));
    expect(ALL_CONTRACTS.filter((contract) => !covered.has(contract)).map((c) => c.subject)).toEqual([]);
    expect(covered.size).toBe(ALL_CONTRACTS.length);
  });
});

describe('streams', () => {
  const durable = ALL_CONTRACTS.filter((c) => c.kind === 'event' && c.delivery === 'durable');
  const requests = ALL_CONTRACTS.filter((c) => c.kind === 'request');
  const live = ALL_CONTRACTS.filter((c) => c.kind !== 'request' && c.delivery === 'core');

  it('has durable facts to check', () => {
    expect(durable.length).toBeGreaterThanOrEqual(10);
  });

  const rows = (contracts: Contract[]) => contracts.map((contract) => [contract.subject, contract] as const);

  it.each(rows(durable))('%s is caught by its own stream', (_subject, contract) => {
    if (contract.kind !== 'event' || !contract.stream) throw new Error('a durable event names its stream');
    const { stream } = contract;
    expect(ALL_STREAMS).toContain(stream);
    for (const subject of wireSubjects(contract)) {
      expect(stream.subjects.some((filter) => subjectMatches(filter, subject))).toBe(true);
      const others = ALL_FILTERS.filter((f) => f.stream !== stream && subjectMatches(f.filter, subject));
      expect(others).toEqual([]);
    }
  });

  it.each(rows(requests))('request %s is kept out of every stream', (_subject, contract) => {
    const caught = ALL_FILTERS.filter(({ filter }) => subjectMatches(filter, contract.subject));
    expect(caught.map(({ filter }) => filter)).toEqual([]);
  });

  it.each(rows(live))('live %s is kept out of every stream', (_subject, contract) => {
    for (const subject of wireSubjects(contract)) {
      const caught = ALL_FILTERS.filter(({ filter }) => subjectMatches(filter, subject));
      expect(caught.map(({ filter }) => filter)).toEqual([]);
    }
  });

  it('has no stream whose filters catch nothing', () => {
    for (const { filter } of ALL_FILTERS) {
      expect(durable.some((contract) => subjectMatches(filter, contract.subject))).toBe(true);
    }
  });
});
