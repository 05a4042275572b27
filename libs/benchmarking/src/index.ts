/** What benchmarks share: built services as processes on a database and NATS prefix of their own. */
export { BenchStack, builtScript, hasBuiltScript } from './bench-stack';
export type { BenchService, BenchStackOptions } from './bench-stack';
export { percentile } from './percentile';
