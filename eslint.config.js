import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Imports point toward the pure codec (see CONTRIBUTING.md): each layer lists what it may not import.
const layer = (files, forbidden, message) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', '.tsbuild', 'coverage', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(
    ['src/ews/**'],
    ['**/db/**', '**/sync/**', '**/sw/**', '**/ui/**', '**/server/**', 'node:*'],
    'src/ews is the pure codec: it imports nothing else from Tern and no Node API.',
  ),
  layer(
    ['src/db/**'],
    ['**/sync/**', '**/sw/**', '**/ui/**', '**/server/**'],
    'src/db may import only the codec types.',
  ),
  layer(['src/sync/**'], ['**/sw/**', '**/ui/**', '**/server/**'], 'src/sync imports only ews and db.'),
  layer(['src/sw/**'], ['**/ui/**', '**/server/**'], 'src/sw wires the engine; it never imports ui or server.'),
  layer(
    ['src/ui/**'],
    ['**/server/**', '**/sw/**', '**/ews/**'],
    'The page never talks SOAP: ui reads db and the sync protocol only.',
  ),
  layer(['src/server/**'], ['**/db/**', '**/sync/**', '**/sw/**', '**/ui/**'], 'src/server imports only the codec.'),
);
