/** Unit tests sit beside the code they test; network suites live under test/. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/network/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // test/conformance needs a running devnet, whose chaincode-support room has not landed yet; it joins the
  // default run (drop '/test/conformance/' here) together with that room.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/conformance/'],
};
