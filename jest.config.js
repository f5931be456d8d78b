// Unit tests run the pure core (and CLI) under Node; browser and PACS tests are driven by scripts/test.mjs.
/** @type {import('jest').Config} */
const tsTransform = ['ts-jest', { tsconfig: { isolatedModules: true, jsx: 'react-jsx', module: 'commonjs', esModuleInterop: true, resolveJsonModule: true } }];
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
      // Property tests and demo-data tests compute real dose grids and volumes; on a shared 2-core machine a
      // 5 s default turns load into failures. Speed is measured by `npm run bench`, never by test timeouts.
      testTimeout: 30_000,
      globalSetup: '<rootDir>/scripts/buildCliBeforeTests.cjs',
      transform: { '^.+\\.tsx?$': tsTransform },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsTransform },
    },
    {
      displayName: 'pacs',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/pacs'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsTransform },
    },
  ],
};
