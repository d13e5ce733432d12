// ESLint 9 flat config. Not type-aware on purpose: `tsc` already type-checks, and lint stays fast.
// The import zones below enforce the layering of ARCHITECTURE.md, so a wrong-layer import fails CI.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { domainBoundariesRule } from './scripts/eslint/domain-boundaries.rule.js';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

const builtinNames = [...new Set(builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.split('/')[0]))];

/** `node:fs`, `fs`, `fs/promises`, … */
const nodeBuiltins = {
  regex: `^(node:|(${builtinNames.join('|')})(/|$))`,
  message: 'Node built-ins are not available here.',
};
const electronModule = {
  regex: '^electron(/|$)',
  message: 'Electron belongs in src/main/app, src/main/index.ts, src/main/ipc/electron.binding.ts and src/preload only.',
};

/** Test helpers that reach past the core (router, WebSocket client): for tests only. */
const testHelpers = {
  regex: '(^|/)main/testing/|^\\.\\./(\\.\\./)*testing/(test-core|ws-client)$',
  message: 'src/main/testing is for tests; production core code must not import it.',
};

/** What the renderer may not import: it runs in a browser sandbox and reaches the core only through the contract. */
const rendererPatterns = [
  nodeBuiltins,
  electronModule,
  {
    regex: '^(better-sqlite3|sqlite-vec|drizzle-orm|pino|ws|sirv)(/|$)',
    message: 'This package runs in the main process; reach it through the IPC contract.',
  },
];
/**
 * The renderer has one client of the core, made at start-up in main.tsx and handed to the
 * stores (app/stores.ts) and components (useApi / useStores): nothing else makes a transport
 * or a client, so every store can be built in a test with a fake one.
 */
const oneClient = {
  regex: '(^|/)lib/(transport|api)$',
  importNames: ['createTransport', 'createApi'],
  message: 'Only main.tsx makes the client: take it from useApi() / useStores(), or as a parameter.',
};

/** TS enums are banned: use an `as const` object and its type. */
const noEnum = { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and its derived type instead of an enum.' };

/** Layer boundaries by resolved path (relative imports); bare package names are checked by `no-restricted-imports`. */
const zones = [
  {
    target: './src/main/core',
    from: './src',
    // src/main/testing holds test helpers that drive the core through the real router; only
    // tests may use them (see the nova/layer/core block).
    except: ['./shared', './main/core', './main/testing'],
    message: 'src/main/core imports only src/shared and itself (no app, ipc, web, preload, renderer or cloud).',
  },
  {
    target: './src/shared',
    from: './',
    except: ['./src/shared', './node_modules'],
    message: 'src/shared imports only zod and other src/shared files.',
  },
  {
    target: './src/renderer',
    from: './',
    except: ['./src/shared', './src/renderer', './node_modules'],
    message: 'The renderer imports only src/shared and its own files.',
  },
  {
    target: './src/preload',
    from: './',
    except: ['./src/shared', './src/preload', './node_modules'],
    message: 'The preload imports only electron and src/shared.',
  },
  {
    target: './src/main',
    from: ['./src/renderer', './src/preload'],
    message: 'The main process talks to the renderer only through the IPC contract in src/shared.',
  },
  {
    target: './src/cloud',
    from: './',
    except: ['./src/shared', './src/cloud', './node_modules'],
    message: 'The cloud endpoint is a separate program: it imports only src/shared and its own files (not src/main).',
  },
];

/**
 * Rule 3 of ARCHITECTURE.md: each folder of src/main/core is a domain whose `index.ts` is its
 * public surface; from anywhere outside the folder (another domain, the composition root, a
 * shell, a test, a benchmark) it is imported only through that file. Inside a domain, its own
 * files (sub-folders included: llm/providers, llm/routing) import each other freely. The policy
 * for what is not a domain:
 * - `db` and `platform` are open layers beneath every domain, not domains: the drizzle schema
 *   and connection, and the ports (clock, logger, paths, secrets). Each file is already one
 *   narrow module with no service behind it, so any code imports the file it needs; a barrel
 *   would only pull the whole schema or every port into each import.
 * - `testing` holds fixtures for the core's tests; its files are imported directly, and it reaches
 *   domains through their index like any other outsider.
 * - The files at the top of src/main/core are of two kinds. `index.ts` (createCore) and
 *   `compose-ai.ts` are the composition root: they import each domain through its index, and no
 *   domain imports them back (that would be a cycle through every domain). `events.ts`,
 *   `handlers.ts` and `config.ts` are the shared kernel (event bus, handler types, the shell's
 *   config) that domains import directly.
 */
const domainBoundaries = {
  coreDir: `${repoRoot}src/main/core`,
  openLayers: ['db', 'platform', 'testing'],
  compositionRoot: ['index.ts', 'compose-ai.ts'],
};

export default defineConfig([
  globalIgnores(['dist/', 'dist-electron/', 'node_modules/', 'release/', 'test-results/', 'playwright-report/', 'coverage/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'nova/base',
    plugins: { 'import-x': importX, nova: { rules: { 'domain-boundaries': domainBoundariesRule } } },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${repoRoot}tsconfig.json`, alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noEnum],
      'import-x/no-restricted-paths': ['error', { basePath: repoRoot, zones }],
      'nova/domain-boundaries': ['error', domainBoundaries],
    },
  },

  {
    name: 'nova/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules. The React Compiler rules of the plugin's `recommended` set
    // (e.g. react-hooks/refs) flag the documented use of dnd-kit's useSortable; we don't use
    // the compiler, so they would only be noise.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    languageOptions: { globals: { ...globals.browser } },
  },

  // Bare-specifier rules per layer (`no-restricted-imports` options replace, not merge, so one block per layer).
  {
    name: 'nova/layer/core',
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronModule, testHelpers] }],
      'no-restricted-syntax': ['error', noEnum, { selector: 'ImportExpression[source.value=/^electron/]', message: electronModule.message }],
    },
  },
  {
    name: 'nova/layer/core-tests',
    files: ['src/main/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronModule] }] },
  },
  {
    name: 'nova/layer/ipc',
    files: ['src/main/ipc/**/*.ts'],
    ignores: ['src/main/ipc/electron.binding.ts', 'src/main/ipc/electron.binding.test.ts'],
    rules: {
      // The router is shared by the Electron and WebSocket shells; only the Electron binding knows Electron.
      'no-restricted-imports': ['error', { patterns: [electronModule] }],
    },
  },
  {
    name: 'nova/layer/shared',
    files: ['src/shared/**/*.ts'],
    // Tests run under vitest in Node; they may import vitest (the zone rule above still applies).
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod(/|$))(?!\\.\\.?/)', message: 'src/shared imports only zod and other src/shared files.' }] },
      ],
    },
  },
  {
    name: 'nova/layer/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...rendererPatterns, oneClient] }] },
  },
  {
    name: 'nova/layer/renderer-start',
    files: ['src/renderer/src/main.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  {
    name: 'nova/layer/preload',
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron(/|$))(?!\\.\\.?/)', message: 'The preload is sandboxed: it imports only electron and src/shared.' }] },
      ],
    },
  },
  {
    name: 'nova/layer/cloud',
    files: ['src/cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronModule] }],
    },
  },
]);
