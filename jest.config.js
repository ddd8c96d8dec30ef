/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  // office-addin-mock imports office-addin-manifest for one enum; its ESM dependencies do not load under Jest.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js' },
};
