#!/usr/bin/env node
// Prints chaincode/alliance/collections.json rewritten for fabric-samples' test network, which has two orgs:
// Org1MSP holds the four business roles and Org2MSP is the regulator. Every collection keeps its name and
// settings; its members become Org1MSP and Org2MSP, and its endorsement policy needs both peers.
// Usage: node collections-for-test-network.mjs [business MSP id] [regulator MSP id]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [business = 'Org1MSP', regulator = 'Org2MSP'] = process.argv.slice(2);
const collections = JSON.parse(readFileSync(path.join(root, 'chaincode', 'alliance', 'collections.json'), 'utf8'));

const mapped = collections.map((collection) => ({
  ...collection,
  policy: `OR('${business}.member', '${regulator}.member')`,
  endorsementPolicy: { signaturePolicy: `AND('${business}.peer', '${regulator}.peer')` },
}));
process.stdout.write(`${JSON.stringify(mapped, null, 2)}\n`);
