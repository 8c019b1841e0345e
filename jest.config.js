/** Jest projects: pure/unit + HTTP tests (node), rendered weapp pages (jsdom), browser e2e (node + chromium). */
const tsJest = ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', isolatedModules: true } }];
const common = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@qgt/shared/(.*)$': '<rootDir>/shared/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/shared', '<rootDir>/cloudfunctions', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/tests/weapp/', '<rootDir>/tests/e2e/'],
    },
    {
      ...common,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/weapp'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};
