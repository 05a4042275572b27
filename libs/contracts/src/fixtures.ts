/** Realistic example payloads for every contract; see `fixture-cases.ts`. */
export * from './common/fixtures';
export * from './calls/fixtures';
export * from './speech/fixtures';
export * from './catalogue/fixtures';
export * from './orders/event-fixtures';
export * from './orders/command-fixtures';
export * from './orders/account-fixtures';
export * from './orders/fulfilment-fixtures';
