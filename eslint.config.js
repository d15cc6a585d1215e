// Lint rules: typed linting so floating promises are caught (STYLE #9).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'registry/**', 'bin/**', '.tunegate/**', '.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off'
    }
  },
  {
    // The core knows nothing of GitHub (test/core-boundary.test.ts checks the whole import graph too).
    files: ['src/{registry,data,prompts,training,evaluation,report,drift,release}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', '@octokit/*', 'octokit', '**/host/*', '**/actions/*', '**/cli/*'],
              message: 'The core imports no GitHub code: only src/actions, src/host and src/cli do.'
            }
          ]
        }
      ]
    }
  },
  {
    // Functions read as named steps (issue #24): a longer one needs a disable comment that says why.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] }
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } }
)
