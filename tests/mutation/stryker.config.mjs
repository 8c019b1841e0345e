// `npm run mutation`: StrykerJS over the pure domain, the search and the masking/privacy rules.
// Not part of `npm test` or CI (a full run takes tens of minutes on two cores); run it before resolving an
// issue that changes these files. One file: `npm run mutation -- --mutate shared/src/privacy/mask.ts`
// (and MUTATION_TESTS=tests/unit/privacy to run only its tests). Equivalent mutants: tests/mutation/equivalent.md.
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'tests/mutation/jest.config.js', enableFindRelatedTests: false },
  // Mutants that do not compile are set aside by the type checker rather than counted as killed.
  // MUTATION_TYPECHECK=0 skips it (faster; such mutants then show as killed by a test run error).
  checkers: process.env.MUTATION_TYPECHECK === '0' ? [] : ['typescript'],
  tsconfigFile: 'tests/mutation/tsconfig.json',
  coverageAnalysis: 'perTest',
  mutate: [
    'shared/src/domain/*.ts',
    // Schemas: zod declarations and their Chinese messages, checked at the boundary by the API tests.
    '!shared/src/domain/communityData.ts',
    '!shared/src/domain/requestSchema.ts',
    '!shared/src/domain/fields.ts',
    'shared/src/search/*.ts',
    '!shared/src/search/types.ts',
    'shared/src/privacy/*.ts',
  ],
  // The sandbox needs only what the unit tests and the checker read.
  ignorePatterns: ['client', 'bench', 'deploy', 'scripts', 'cloudfunctions/dist', 'tests/e2e', 'tests/weapp', '.data', 'reports'],
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 15000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
