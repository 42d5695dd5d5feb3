// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
