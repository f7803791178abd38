/** Unit tests sit beside the code they test; network suites live under test/. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/chaincode/*/src/**/*.test.ts', '<rootDir>/network/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // test/conformance has not yet been run against the devnet (which first started end to end only now);
  // it joins the default run (drop '/test/conformance/' here) once it passes, network fixed, tests unloosened.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/conformance/'],
};
