// Lint: the recommended TypeScript rules plus a guard that keeps src/core free of SDK, HTTP and env access.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.venv/**', '.demo/**', 'coverage/**', 'emulators/**/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['axios', '@notionhq/*', '@slack/*', 'keyv', '@keyv/*', 'node:http', 'http', 'https', 'pino'],
              message: 'src/core talks to ports, not to SDKs or HTTP.',
            },
            {
              group: ['../adapters/*', '../../adapters/*', '../slack/*', '../../slack/*', '../config', '../../config'],
              message: 'src/core must not depend on adapters, slack or config.',
            },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
