#!/usr/bin/env node
// Rewrites this project's signature policies for fabric-samples' test network, which has two peer orgs instead of
// our five. Each of our MSP ids is folded onto a test-network org (the four business orgs onto Org1MSP, the
// regulator onto Org2MSP), and a principal that now appears twice under one AND or OR is kept once: with one peer
// per org, AND('Org1MSP.peer','Org1MSP.peer') could never be met, and the folded org is meant to sign once.
//
//   node collections-for-test-network.mjs [--collections FILE] [--map FROM=TO ...]
//       prints the collections config (default chaincode/alliance/collections.json) with every collection's
//       member policy and endorsement policy rewritten; names and all other settings are kept
//   node collections-for-test-network.mjs --policy EXPR [--map FROM=TO ...]
//       prints one rewritten signature policy, e.g. the chaincode's endorsement policy
//
// Policies are printed without spaces: network.sh hands -ccep on to its scripts unquoted.
// An MSP id with no test-network org is refused rather than guessed. Node's standard library only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Which test-network org plays each of our orgs (see docs/fabric-samples-test-network.md). */
const DEFAULT_FOLD = {
  ManufacturerMSP: 'Org1MSP',
  PlatformMSP: 'Org1MSP',
  LogisticsMSP: 'Org1MSP',
  CustomsMSP: 'Org1MSP',
  RegulatorMSP: 'Org2MSP',
};

function fail(message) {
  process.stderr.write(`collections-for-test-network: ${message}\n`);
  process.exit(1);
}

/** A signature policy as Fabric writes it: AND(...), OR(...), OutOf(n, ...) over 'MSPID.role' principals. */
function parsePolicy(text) {
  const tokens = text.match(/'[^']*'|"[^"]*"|[A-Za-z]+|\d+|[(),]|\S/g) ?? [];
  let at = 0;
  const expect = (token) => {
    if (tokens[at] !== token) throw new Error(`expected '${token}' at token ${at} of ${text}`);
    at += 1;
  };
  const node = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`unexpected end of ${text}`);
    if (/^['"]/.test(token)) return { principal: token.slice(1, -1) };
    const op = { and: 'AND', or: 'OR', outof: 'OutOf' }[token.toLowerCase()];
    if (!op) throw new Error(`unexpected '${token}' in ${text}`);
    expect('(');
    let n;
    if (op === 'OutOf') {
      n = Number(tokens[at++]);
      expect(',');
    }
    const args = [node()];
    while (tokens[at] === ',') {
      at += 1;
      args.push(node());
    }
    expect(')');
    return { op, n, args };
  };
  const tree = node();
  if (at !== tokens.length) throw new Error(`trailing text in ${text}`);
  return tree;
}

function render(tree) {
  if (tree.principal !== undefined) return `'${tree.principal}'`;
  const args = tree.args.map(render);
  return tree.op === 'OutOf' ? `OutOf(${tree.n},${args.join(',')})` : `${tree.op}(${args.join(',')})`;
}

function fold(tree, map) {
  if (tree.principal !== undefined) {
    const dot = tree.principal.lastIndexOf('.');
    const mspId = tree.principal.slice(0, dot);
    const to = map[mspId];
    if (dot < 1 || !to) throw new Error(`no test-network org for '${tree.principal}'; pass --map ${mspId || '<MSP id>'}=Org1MSP or Org2MSP`);
    return { principal: `${to}${tree.principal.slice(dot)}` };
  }
  const args = [];
  for (const arg of tree.args.map((child) => fold(child, map))) {
    if (!args.some((kept) => render(kept) === render(arg))) args.push(arg);
  }
  if (tree.op === 'OutOf') {
    // Dropping a duplicate would change what n counts: say so instead of guessing.
    if (args.length !== tree.args.length) throw new Error(`OutOf(${tree.n}, ...) folds two principals into one: ${render(tree)}`);
    return { ...tree, args };
  }
  return args.length === 1 ? args[0] : { ...tree, args };
}

export function foldPolicy(text, map = DEFAULT_FOLD) {
  return render(fold(parsePolicy(text), map));
}

export function foldCollections(collections, map = DEFAULT_FOLD) {
  return collections.map((collection) => {
    const folded = { ...collection, policy: foldPolicy(collection.policy, map) };
    // A collection may instead name a channel policy (channelConfigPolicy), which needs no rewriting.
    if (collection.endorsementPolicy?.signaturePolicy) {
      folded.endorsementPolicy = { ...collection.endorsementPolicy, signaturePolicy: foldPolicy(collection.endorsementPolicy.signaturePolicy, map) };
    }
    return folded;
  });
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        collections: { type: 'string', default: path.join(root, 'chaincode', 'alliance', 'collections.json') },
        policy: { type: 'string' },
        map: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail(err.message);
  }
  if (values.help) {
    process.stdout.write('usage: collections-for-test-network.mjs [--collections FILE | --policy EXPR] [--map FROM=TO ...]\n');
    return;
  }
  const map = { ...DEFAULT_FOLD };
  for (const pair of values.map) {
    const [from, to, extra] = pair.split('=');
    if (!from || !to || extra !== undefined) fail(`--map takes FROM=TO, not '${pair}'`);
    map[from] = to;
  }
  try {
    if (values.policy !== undefined) {
      process.stdout.write(`${foldPolicy(values.policy, map)}\n`);
      return;
    }
    const collections = JSON.parse(readFileSync(values.collections, 'utf8'));
    if (!Array.isArray(collections)) throw new Error(`${values.collections} is not a collections config (a JSON array)`);
    process.stdout.write(`${JSON.stringify(foldCollections(collections, map), null, 2)}\n`);
  } catch (err) {
    fail(err.message);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
