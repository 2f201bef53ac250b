// Lint: typescript-eslint recommended + the layer rules of docs/house-style (engine is pure, web never imports server).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const engineBans = {
  paths: [
    { name: 'socket.io', message: 'the engine does no IO' },
    { name: 'socket.io-client', message: 'the engine does no IO' },
    { name: 'react', message: 'the engine is UI-free' },
    { name: 'd3', message: 'the engine is UI-free' },
  ],
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'the engine does no IO' },
    { group: ['**/server/**', '**/web/**', '**/protocol/**'], message: 'the engine imports only itself and shared/model' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/engine/**/*.ts', 'shared/model/**/*.ts', 'shared/journal/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', engineBans],
      'no-restricted-globals': ['error', 'Date', 'setTimeout', 'setInterval', 'process', 'window', 'performance'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use the seeded rng' }],
    },
  },
  {
    // The DC/OS vocabulary sits below the engine: shared/model never reaches up into it.
    files: ['shared/model/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...engineBans, patterns: [...engineBans.patterns, { group: ['**/engine/**'], message: 'shared/model is the bottom layer; the engine imports it, not the reverse' }] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**'], message: 'web never imports server/' },
          { group: ['**/shared/engine/**'], message: 'web imports engine types only, through shared/protocol/types.ts' },
        ],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**'], message: 'server never imports web/' }] }],
    },
  },
);
