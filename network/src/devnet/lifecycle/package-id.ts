import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A chaincode package id as Fabric forms it: "<label>:<sha256 hex>". Fabric hashes the package archive; the
 * devnet has no archive, so it hashes what the archive would hold: the chaincode's package.json and its
 * built output, file by file in a stable order. A rebuilt, changed chaincode gets a new id.
 */
export function computePackageId(label: string, chaincodeDir: string): string {
  const hash = createHash('sha256');
  for (const file of packageFiles(chaincodeDir)) {
    hash.update(file.relative).update('\0').update(readFileSync(file.absolute)).update('\0');
  }
  return `${label}:${hash.digest('hex')}`;
}

function packageFiles(dir: string): Array<{ relative: string; absolute: string }> {
  const files = [{ relative: 'package.json', absolute: path.join(dir, 'package.json') }];
  const dist = path.join(dir, 'dist');
  if (!existsSync(dist)) throw new Error(`chaincode ${dir} is not built (no dist/ folder): run npm run build`);
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const absolute = path.join(current, entry);
      if (statSync(absolute).isDirectory()) walk(absolute);
      else if (!entry.endsWith('.map') && !entry.endsWith('.tsbuildinfo')) {
        files.push({ relative: path.relative(dir, absolute), absolute });
      }
    }
  };
  walk(dist);
  return files;
}
