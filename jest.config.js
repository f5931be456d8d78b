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
