/** Unit tests sit beside the code they test; network suites live under test/. */
/** @type {import('jest').Config} */
module.exports = {
  // Node's, removing each file's temp folders once the file is over (test/support/temp-dirs.ts).
  testEnvironment: '<rootDir>/test/support/environment.ts',
  // Generous for a loaded machine (crypto material, network start-up in hooks): a stall still fails, a slow CPU does not.
  testTimeout: 60_000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/chaincode/*/src/**/*.test.ts', '<rootDir>/network/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
