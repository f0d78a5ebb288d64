import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      'test-output/**',
      'apps/web/dist/**',
      '*.js',
      '*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-duplicate-imports': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../../*'], message: '请使用 @app/* 路径别名 (use @app/* aliases)' }] },
      ],
    },
  },
  {
    // Tests read JSON bodies ad hoc.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
