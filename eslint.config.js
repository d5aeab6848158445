import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** SQL has one home: the store, behind ports. Drivers and store modules are for src/store and the composition root. */
const sqlOutsideStore = {
  group: ['**/store/**', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'],
  message: 'SQL lives in src/store behind ports (core/*/ports.ts); take the port as a parameter and let src/main wire the store in',
};
const edgeNoStore = { ...sqlOutsideStore, message: 'edges call core verbs, never the store' };

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
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', 'src/main/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlOutsideStore] }] },
  },
  {
    // Configuration is read once, in src/config, from what the entry points hand it.
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['src/config/**', 'src/main/server.ts', 'src/main/cli.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through src/config (loadConfig), passed in from the entry point' }] },
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
    // Only the composition root opens the database; edges go through core. (A later block's patterns replace an
    // earlier one's for the same file, so each edge block below repeats this one.)
    files: ['src/slack/**/*.ts', 'src/http/**/*.ts', 'src/plugins/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [edgeNoStore] }] },
  },
  {
    // Edges don't import each other: what both need is a port in core, and src/main composes them.
    // registerSlack receives what it needs and returns what it contributes; main plugs it in.
    files: ['src/slack/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            edgeNoStore,
            { group: ['**/jobs/**'], message: 'the Slack edge does not import jobs; share a port from core and let src/main wire them' },
            { group: ['**/main/**'], message: 'the Slack edge does not import the composition root; take what you need as a parameter of registerSlack and return what you contribute' },
          ],
        },
      ],
    },
  },
  {
    // Jobs are loops over ports: what they run on Slack (the user refresh, notification contexts) is handed in by src/main.
    files: ['src/jobs/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            sqlOutsideStore,
            { group: ['**/slack/**'], message: 'jobs do not import the Slack edge; take a plain function as a parameter and let src/main wire it' },
            { group: ['**/main/**'], message: 'jobs do not import the composition root; take what you need as a parameter' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [edgeNoStore, { group: ['**/slack/**'], message: 'the HTTP edge does not import the Slack edge; share a port from core and let src/main wire them' }] }] },
  },
  {
    // Plugins, the built-ins included, use the SDK (src/plugins/sdk) and core's values, never the Slack edge's insides.
    files: ['src/plugins/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [edgeNoStore, { group: ['**/slack/**', '**/http/**', '**/jobs/**', '**/main/**'], message: 'plugins use the SDK (src/plugins/sdk); what they need from Slack belongs there' }] }] },
  },
  {
    // Workspace packages (packages/*) stand alone: no imports from the app or its tests, options as parameters.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '**/test/**', 'response', 'response/*'], message: 'a workspace package does not import the app or its tests' }] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'a workspace package takes its settings as options' }],
    },
  },
  {
    // The app runs the Slack emulator only as the sandbox's workspace. (no-restricted-syntax: the blocks above own
    // no-restricted-imports' patterns per folder, and a later block would replace them.)
    files: ['src/**/*.ts'],
    ignores: ['src/sandbox/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value=/^@response\\/slack-emulator/], ImportExpression[source.value=/^@response\\/slack-emulator/]", message: 'only src/sandbox runs the Slack emulator' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
