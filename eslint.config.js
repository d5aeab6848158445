import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/', 'src/store/migrations/', '.bench-build-*/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', navigator: 'readonly', localStorage: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The domain stays transport-free: core never imports an edge, the store or an SDK.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/slack/**', '**/http/**', '**/store/**', '**/jobs/**', '**/main/**', '**/plugins/**', '**/slack-emulator/**'], message: 'core must not import edges, the store or the composition root' },
            { group: ['@slack/*', 'fastify', 'fastify-*', '@fastify/*', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'pg-boss'], message: 'core must not import SDKs or drivers' },
          ],
        },
      ],
    },
  },
  {
    // Only the composition root opens the database; edges go through core.
    files: ['src/slack/**/*.ts', 'src/http/**/*.ts', 'src/plugins/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', 'drizzle-orm', 'drizzle-orm/*', 'pg'], message: 'edges call core verbs, never the store' }] }] },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
