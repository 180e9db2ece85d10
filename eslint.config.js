// Lint is part of `npm test`; type-aware rules catch floating promises and unsafe any at the edges.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The AssemblyScript kernel is checked by its own compiler (asc), not by TypeScript's.
  { ignores: ['dist/**', 'node_modules/**', 'viz/dist/**', 'coverage/**', 'engine/flood/grid/wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // fastify routes are async by convention (a returned value is the reply), awaiting or not.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
