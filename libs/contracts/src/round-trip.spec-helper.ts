import { z } from 'zod';
import { ContractCase } from './fixture-cases';

/**
 * Shared expectations for the contract suites. Not a spec itself: jest only runs `*.spec.ts`.
 */

/** What the receiving end gets: the value serialised to JSON, then checked by the schema. */
export function overTheWire(schema: z.ZodType, value: unknown) {
  return schema.safeParse(JSON.parse(JSON.stringify(value)));
}

/** The value survives the wire unchanged: nothing rejected, nothing stripped, nothing added. */
export function expectRoundTrip(schema: z.ZodType, value: unknown): void {
  const result = overTheWire(schema, value);
  expect(result.error?.issues).toBeUndefined();
  expect(result.data).toEqual(value);
}

/** Every part of a contract's example round-trips: the payload, or the request and both replies. */
export function expectCaseRoundTrips(example: ContractCase): void {
  if ('payload' in example) {
    expectRoundTrip(example.contract.schema, example.payload);
  } else if ('meta' in example) {
    expectRoundTrip(example.contract.meta, example.meta);
  } else {
    expect(example.success).toMatchObject({ ok: true });
    expect(example.failure).toMatchObject({ ok: false });
    expectRoundTrip(example.contract.request, example.request);
    expectRoundTrip(example.contract.reply, example.success);
    expectRoundTrip(example.contract.reply, example.failure);
  }
}

/** The value is refused, and for the expected reason: an issue at exactly `path`. */
export function expectRejectedAt(schema: z.ZodType, value: unknown, path: readonly PropertyKey[]): void {
  const result = overTheWire(schema, value);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
}

/** `it.each` rows named by subject, numbered where one contract has several examples. */
export function casesBySubject(cases: readonly ContractCase[]): [string, ContractCase][] {
  const seen = new Map<string, number>();
  return cases.map((example) => {
    const { subject } = example.contract;
    const nth = (seen.get(subject) ?? 0) + 1;
    seen.set(subject, nth);
    const several = cases.filter((other) => other.contract === example.contract).length > 1;
    return [several ? `${subject} #${nth}` : subject, example];
  });
}
