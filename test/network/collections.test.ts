// Each network description's collections config is what its alliance charter calls for: one collection per member
// and data level it records at, readable by exactly the members the domain's table names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectionsFor, parseCharter } from '@crossborder-trace/domain';
import { loadNetworkDescription } from '@crossborder-trace/network';

const DESCRIPTIONS = [path.resolve(__dirname, '..', '..', 'network', 'network.yaml'), ...['six-orgs.yaml', 'one-firm.yaml'].map((file) => path.resolve(__dirname, file))];

test.each(DESCRIPTIONS.map((file) => [path.relative(path.resolve(__dirname, '..', '..'), file), file]))('%s: collections follow the charter', (_name, file) => {
  const description = loadNetworkDescription(file);
  const definitions = description.chaincodes.flatMap((cc) => cc.definitions).filter((d) => d.init?.transaction === 'charter:init');
  expect(definitions).toHaveLength(1);
  const [{ init, collectionsPath }] = definitions;
  const charter = { ...parseCharter(init!.argument), version: 1 };
  expect(JSON.parse(readFileSync(collectionsPath!, 'utf8'))).toEqual(collectionsFor(charter));
  // Every charter member is an org of the network.
  expect(Object.keys(charter.members).every((mspId) => description.peerOrgs.some((org) => org.mspId === mspId))).toBe(true);
});
