import {
  BinaryEventContract,
  EventContract,
  Failure,
  MetaOf,
  PayloadOf,
  RequestContract,
  RequestOf,
  SuccessOf,
} from './contract';

/**
 * A realistic example of what travels on one contract, typed by the contract itself so a schema
 * change that breaks an example breaks the build. Suites use them for round-trip tests; other
 * libraries' suites may use them as ready-made payloads.
 */
export type ContractCase =
  | { readonly contract: EventContract; readonly payload: unknown }
  | { readonly contract: BinaryEventContract; readonly meta: unknown }
  | {
      readonly contract: RequestContract;
      readonly request: unknown;
      readonly success: unknown;
      readonly failure: unknown;
    };

export function eventCase<C extends EventContract>(contract: C, payload: PayloadOf<C>) {
  return { contract, payload } as const;
}

export function binaryEventCase<C extends BinaryEventContract>(contract: C, meta: MetaOf<C>) {
  return { contract, meta } as const;
}

/** A request with one successful and one failed reply. */
export function requestCase<C extends RequestContract>(
  contract: C,
  example: {
    request: RequestOf<C>;
    success: { ok: true } & SuccessOf<C>;
    failure: Failure<C['errorCodes'][number]>;
  },
) {
  return { contract, ...example } as const;
}
