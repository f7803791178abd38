import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FABRIC_EXECUTABLES, locateFabricBinaries } from './binaries';

describe('locateFabricBinaries', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'fabric-bin-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a release layout: bin/ with every executable, config/ beside it', () => {
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'config'));
    for (const name of FABRIC_EXECUTABLES) {
      writeFileSync(path.join(dir, 'bin', name), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'bin', name), 0o755);
    }
    for (const file of ['core.yaml', 'orderer.yaml']) writeFileSync(path.join(dir, 'config', file), 'a: 1\n');
    const binaries = locateFabricBinaries(path.join(dir, 'bin'));
    expect(binaries.path('peer')).toBe(path.join(dir, 'bin', 'peer'));
    expect(binaries.configDir).toBe(path.join(dir, 'config'));
  });

  it('names what is missing and how to get official binaries', () => {
    mkdirSync(path.join(dir, 'bin'));
    expect(() => locateFabricBinaries(path.join(dir, 'bin'))).toThrow(/peer is missing[\s\S]*core\.yaml is missing[\s\S]*install-fabric\.sh[\s\S]*binary[\s\S]*devnet needs none/);
  });
});
