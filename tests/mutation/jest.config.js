/**
 * Jest for `npm run mutation`: only the unit tests of the pure code Stryker mutates (the domain, the
 * search, the masking and privacy rules), in node. MUTATION_TESTS (comma-separated paths, relative to
 * the repository) narrows it further for a quick run on one file.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const narrowed = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', isolatedModules: true } }] },
  moduleNameMapper: { '^@qgt/shared/(.*)$': '<rootDir>/shared/src/$1' },
  roots: ['<rootDir>/tests/unit'],
  testMatch: narrowed
    ? narrowed.map((p) => `<rootDir>/${p.replace(/\/$/, '')}${/\.test\.ts$/.test(p) ? '' : '/**/*.test.ts'}`)
    : ['<rootDir>/tests/unit/{domain,privacy,metrics,open311,deployments}/**/*.test.ts', '<rootDir>/tests/unit/search.test.ts', '<rootDir>/tests/unit/search-rules.test.ts'],
};
