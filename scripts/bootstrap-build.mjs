// Building only what a command needs, with a line per project built. `tsc -b` decides what is stale (a changed
// source, a changed dependency's declarations, a missing output) and rebuilds that, in dependency order; its
// --verbose narration is boiled down to one line per project, and its errors are passed through unchanged.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { elapsed, must, step } from './bootstrap-steps.mjs';

/**
 * The TypeScript projects a command needs, relative to the root (tsc -b adds what they reference). `npm start` and
 * `npm run network` run the network CLI, which deploys the chaincodes network/network.yaml names and supervises each
 * org's gateway; `npm run gateway` needs the gateway alone; the tests and the benchmark need every project.
 */
export function buildTargets(root, command) {
  if (command === 'gateway') return ['gateway'];
  if (command !== 'start' && command !== 'network') return ['.'];
  return ['network', 'gateway', ...chaincodePaths(path.join(root, 'network', 'network.yaml'))].filter((dir) =>
    existsSync(path.join(root, dir, 'tsconfig.json')),
  );
}

/**
 * The `path:` of each entry under the top-level `chaincodes:` key. A line scan, not a YAML parser (this script may
 * use nothing that npm installs); the description's own loader checks the file properly when the network starts, and
 * a test holds this scan to that loader's reading of the file.
 */
export function chaincodePaths(file) {
  const paths = [];
  let inChaincodes = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inChaincodes = /^chaincodes:\s*(#.*)?$/.test(line);
    const match = inChaincodes && /^\s+(?:-\s+)?path:\s*["']?([^"'\s#]+)/.exec(line);
    if (match) paths.push(match[1]);
  }
  return paths;
}

export async function build(root, command) {
  const targets = buildTargets(root, command);
  const what = targets.includes('.') ? 'every project' : targets.join(', ');
  step(`building TypeScript: ${what} (tsc -b; only what is out of date)`);
  const since = Date.now();
  const upToDate = [];
  let built = 0;
  const relative = (project) => path.relative(root, path.dirname(path.resolve(root, project))) || '.';
  const reasons = new Map();
  const onLine = (line) => {
    const text = line.replace(/^.*? - (?=Project|Building|Updating)/, '');
    let match;
    if ((match = /^Project '(.+?)' is out of date because (.*)$/.exec(text))) reasons.set(relative(match[1]), shortReason(match[2]));
    else if ((match = /^Project '(.+?)' is up to date/.exec(text))) upToDate.push(relative(match[1]));
    else if ((match = /^Building project '(.+?)'/.exec(text))) {
      const project = relative(match[1]);
      built += 1;
      console.log(`  [${elapsed(since).padStart(7)}] building ${project}${reasons.has(project) ? ` (${reasons.get(project)})` : ''}`);
    } else if (text.trim() && !/^(Projects in this build|Updating |\s+\* )/.test(text)) console.log(text);
  };
  await must(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', '--verbose', ...targets], { cwd: root, onLine });
  if (upToDate.length > 0) console.log(`  up to date: ${upToDate.join(', ')}`);
  console.log(`\u2714 ${built === 0 ? 'nothing to build' : `built ${built} project${built === 1 ? '' : 's'}`} (${elapsed(since)})`);
}

/** tsc's reasons, in a few words. */
function shortReason(reason) {
  if (/does not exist/.test(reason)) return 'not built yet';
  const input = /is older than input '(.+?)'/.exec(reason);
  if (input) return `${input[1]} changed`;
  if (/dependency|prepend|referenced project/i.test(reason)) return 'a project it uses changed';
  return reason;
}
