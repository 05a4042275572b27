/**
 * One jest run for the whole workspace: unit specs (`*.spec.ts`) and integration suites
 * (`*.int-spec.ts`, real NATS and PostgreSQL) of every app and lib.
 */
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { paths } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

/**
 * Suites that judge live audio in real time (through a real browser: Chromium's jitter buffer
 * conceals what a starved renderer receives late; or speech workers racing a takeover bound), so
 * they run on their own after the parallel run
 * (`npm run test:realtime`, part of `npm test`), on a machine no other suite keeps busy.
 */
const realtimeSuites = [
  '<rootDir>/apps/web/e2e/softphone.int-spec.ts',
  // Streams speech at real time and bounds a worker takeover at 3 s: on a machine shared with the
  // parallel run, the worker taking over can take over a minute to set its decoders up.
  '<rootDir>/apps/speech/src/transcription/call-transcriber.int-spec.ts',
];
const realtimeOnly = process.env.CALLCART_REALTIME_SUITES === 'only';

/** ESM-only packages that jest (CommonJS here) must have swc transform. */
const esmOnlyPackages = ['double-metaphone', 'meilisearch'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/e2e'],
  testMatch: realtimeOnly ? realtimeSuites : ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts'],
  testPathIgnorePatterns: realtimeOnly ? ['/node_modules/'] : ['/node_modules/', ...realtimeSuites.map((suite) => suite.replace('<rootDir>', __dirname))],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        ...swcrc,
        swcrc: false,
        jsc: {
          ...swcrc.jsc,
          parser: { ...swcrc.jsc.parser, tsx: true },
          transform: { ...swcrc.jsc.transform, react: { runtime: 'automatic' } },
        },
      },
    ],
    '^.+\\.m?js$': ['@swc/jest', { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper,
  testTimeout: 30000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/tools/jest-global-setup.js',
  setupFiles: ['<rootDir>/tools/jest-setup.js'],
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};
