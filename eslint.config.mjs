// Lint rules for every room. Besides the usual TypeScript checks, the import rules below
// enforce the project's one-way dependency chain: extension → debug-adapter → strace-parser,
// and only extension/ may import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = { name: 'vscode', message: 'Only extension/ may import vscode.' };

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'out/**', 'test-output/**', 'samples/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['strace-parser/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/debug-adapter/**', '**/extension/**'], message: 'strace-parser depends on nothing of ours.' }],
      }],
    },
  },
  {
    files: ['debug-adapter/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/extension/**'], message: 'debug-adapter must not import extension/.' }],
      }],
    },
  },
  {
    files: ['extension/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/debug-adapter/engine/**', '**/debug-adapter/session/**', 'node:*'], message: 'The webview is browser code; it talks to extension/ by postMessage only.' }],
      }],
    },
  },
);
