// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads', 'buffer', 'events'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', '.bench/**', '.scratch*/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Type-aware rules that catch real bugs: a promise nobody awaits or catches loses its error (and,
    // in an event handler, its ordering); an async function where a void callback is expected hides
    // rejections from React and Electron alike.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Hooks called conditionally or out of order break React's state; missing dependencies give stale
    // closures. The compiler-era rules of v7 (purity, refs, set-state-in-effect) are left out for now.
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Feature boundaries: a screen gets its data through the hooks and actions of renderer/db (never
    // Dexie or the database module directly), and another feature only through that feature's
    // index.ts, so each feature's insides can move without touching its neighbours.
    files: ['renderer/features/**/*.ts', 'renderer/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'dexie', message: 'features get data through hooks/actions in renderer/db' },
          { name: 'dexie-react-hooks', message: 'features get data through hooks in renderer/db' },
        ],
        patterns: [
          { regex: '(^|/)db/database$', message: 'import from renderer/db (its index), not db/database' },
          { regex: '^\\.\\./(?!\\.)[^/]+/(?!.*\\.css$).+', message: 'import another feature only through its index.ts (../feature)' },
        ],
      }],
    },
  },
  {
    // shared/ is pure domain logic: it runs unchanged in the renderer, the main process and Node tests.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'shared/ must not import electron' },
          { name: 'react', message: 'shared/ must not import react' },
          { name: 'react-dom', message: 'shared/ must not import react-dom' },
          { name: 'dexie', message: 'shared/ must not import dexie' },
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ must not import Node built-ins' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'shared/ must not import Node built-ins' },
          { group: ['react-dom/*', 'dexie-react-hooks', '**/renderer/**', '**/electron/**'], message: 'shared/ is pure' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'shared/ has no DOM' },
        { name: 'window', message: 'shared/ has no DOM' },
        { name: 'localStorage', message: 'shared/ has no DOM' },
        { name: 'indexedDB', message: 'shared/ has no DOM' },
        { name: 'process', message: 'shared/ has no Node' },
        { name: 'require', message: 'shared/ has no Node' },
      ],
    },
  },
);
