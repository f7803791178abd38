import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadNetworkDescription, type NetworkDescription } from '../description';
import { generateCryptoMaterial } from './generate';

/** Test support: the project's network description with its crypto material generated in a temp dir. */
export interface TestMaterial {
  readonly description: NetworkDescription;
  readonly root: string;
  remove(): void;
}

export async function generateTestMaterial(): Promise<TestMaterial> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crypto-'));
  const root = path.join(dir, 'organizations');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const description = loadNetworkDescription();
    await generateCryptoMaterial(description, root);
    return { description, root, remove };
  } catch (err) {
    // The caller gets nothing to remove.
    remove();
    throw err;
  }
}
