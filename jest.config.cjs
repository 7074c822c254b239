// Jest in CommonJS mode: ESM-only packages in node_modules are compiled by test/support/esm-to-cjs.cjs
// (see there why). TypeScript goes through ts-jest with tsconfig.spec.json.
const common = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
    'node_modules/.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.cjs',
  },
  // playwright-core (the browser test) is CommonJS already, and 5 MB: nothing to compile
  transformIgnorePatterns: ['/node_modules/playwright-core/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
  maxWorkers: 2,
};
