import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries are enforced from the start: apps never import apps, libs never import
 * apps, `contracts` depends on zod alone, and the test harness is for tests only.
 */
export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'coverage/**', 'tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: true,
          checkDynamicDependenciesExceptions: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:test-lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:test-lib'] },
            { sourceTag: 'type:test-lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:test-lib'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['zod'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.spec-helper.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@callcart/testing', message: 'the test harness is for tests only' }] },
      ],
    },
  },
  {
    // Type-aware rules on the services, libs and cross-service e2e (one TypeScript program, the root
    // tsconfig): a promise nobody awaits loses its error (an unhandled rejection ends a Node service)
    // and an async callback where a void one is expected (event emitters, Nest hooks) does the same.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'e2e/src/**/*.ts'],
    ignores: ['apps/web/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The browser bundle stays free of zod and the server contracts: the web app may use the
    // contracts' types (erased at build), never their values.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.spec-helper.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@callcart/contracts', message: 'the web app imports only types from the contracts (import type)', allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
