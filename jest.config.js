/**
 * Jest projects, by what they hold:
 * - unit: pure domain, search, masking and helpers (tests/unit), no server;
 * - api: the local server over HTTP, the security matrix and fuzzing, the store contract, function
 *   bundles against the fake CloudBase, deploy files;
 * - reliability: kill -9 of a running server (crash recovery of the store and the timer);
 * - weapp: rendered mini-program pages (jsdom + miniprogram-simulate) on the built weapp;
 * - e2e: the built H5 client in Debian's Chromium (Playwright).
 * `npm test -- --selectProjects unit api` runs a subset.
 */
const tsJest = ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', isolatedModules: true } }];
const common = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@qgt/shared/(.*)$': '<rootDir>/shared/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testMatch: ['**/*.test.ts'],
};
const project = (displayName, roots, testEnvironment = 'node', extra = {}) => ({ ...common, displayName, testEnvironment, roots: roots.map((r) => `<rootDir>/${r}`), ...extra });

module.exports = {
  projects: [
    project('unit', ['shared', 'cloudfunctions', 'tests/unit']),
    project('api', ['tests/api', 'tests/security', 'tests/store', 'tests/functions', 'tests/deploy', 'tests/platform']),
    project('reliability', ['tests/reliability']),
    // The pages render in jsdom but call the real handler tables in-process: resolve packages as Node does.
    project('weapp', ['tests/weapp'], 'jsdom', { testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] } }),
    project('e2e', ['tests/e2e']),
  ],
};
