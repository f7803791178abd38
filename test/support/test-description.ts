import path from 'node:path';

/** The network the suites run: the project's (network/network.yaml) with the test chaincodes beside its own. */
export const TEST_DESCRIPTION = path.resolve(__dirname, '..', 'network', 'network.yaml');
