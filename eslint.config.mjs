// Lint: the recommended TypeScript rules plus guards that keep src/core free of SDK, HTTP and env access and keep
// Slack text escaped.
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
    // Slack text is escaped at the edge: mrkdwn objects come from the block-kit builders, which take only Mrkdwn
    // (made by the mrkdwn tag that escapes data); a template literal as a `text` would skip the escaping.
    files: ['src/slack/**/*.ts'],
    ignores: ['src/slack/blocks/block-kit.ts', 'src/slack/blocks/mrkdwn.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='type'][value.value='mrkdwn']",
          message: 'Build mrkdwn text objects with section/fields/context from src/slack/blocks/block-kit.ts (they escape data).',
        },
        {
          selector: "Property[key.name='text'] > TemplateLiteral",
          message: 'Slack text must be built with the mrkdwn tag (src/slack/blocks/mrkdwn.ts), which escapes data.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
  },
);
