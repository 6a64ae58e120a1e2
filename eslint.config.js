import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SRC = path.resolve('src');
const MODULES = path.join(SRC, 'modules');
const TESTS = path.resolve('tests');

/** The module a file belongs to (its folder under src/modules), or null. */
function moduleOf(file) {
  const rel = path.relative(MODULES, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : null;
}

/**
 * Module boundaries (docs/CODE_STYLE.md): a module imports another module only through that
 * module's public face, `src/modules/<name>/api.ts`; the platform imports no module; production
 * code imports nothing from tests/.
 */
const moduleBoundary = {
  meta: {
    type: 'problem',
    messages: {
      internal:
        "'{{target}}' is internal to module '{{module}}'; import its public face 'modules/{{module}}/api.ts' instead.",
      platform: 'The platform does not import modules; a module registers itself with the platform.',
      tests: 'Production code does not import test support from tests/.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const own = moduleOf(file);
    const inPlatform = !path.relative(path.join(SRC, 'platform'), file).startsWith('..');
    const isTest = /\.test\.ts$/.test(file);
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      if (!isTest && !path.relative(TESTS, target).startsWith('..')) {
        context.report({ node, messageId: 'tests' });
        return;
      }
      const other = moduleOf(target);
      if (other === null) return;
      if (inPlatform) {
        context.report({ node, messageId: 'platform' });
        return;
      }
      if (own === null || other === own) return;
      if (target !== path.join(MODULES, other, 'api.ts')) {
        context.report({ node, messageId: 'internal', data: { target: source, module: other } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: globals.node },
    plugins: { balai: { rules: { 'module-boundary': moduleBoundary } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../shared/*', '../shared/*'],
              message: 'The app must not read ../shared at run time.',
            },
          ],
        },
      ],
    },
  },
  {
    // Size limits (docs/CODE_STYLE.md): a file is one screen or one use case.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'balai/module-boundary': 'error',
      'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts'],
    rules: {
      'balai/module-boundary': 'error',
      'max-lines': ['error', { max: 900, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, L: 'readonly' }, sourceType: 'script' },
  },
);
