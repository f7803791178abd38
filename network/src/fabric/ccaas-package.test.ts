import { gunzipSync } from 'node:zlib';
import { loadNetworkDescription } from '../description';
import { ccaasArchive, connectionJson, packageIdOf } from './ccaas-package';
import { tar } from './tar';

/** Reads a ustar archive back: name -> content, checking each header's checksum. */
function untar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= archive.length; ) {
    const header = archive.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = Number.parseInt(header.toString('ascii', 124, 136).replace(/\0.*$/s, ''), 8);
    const stored = Number.parseInt(header.toString('ascii', 148, 156).replace(/[\0 ].*$/s, ''), 8);
    let sum = 0;
    header.forEach((b, i) => (sum += i >= 148 && i < 156 ? 32 : b));
    expect({ name, checksum: stored }).toEqual({ name, checksum: sum });
    expect(header.toString('ascii', 257, 262)).toBe('ustar');
    files.set(name, archive.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('ccaas packages', () => {
  const description = loadNetworkDescription(undefined, { portOffset: 1000 });
  const chaincode = description.chaincodes.find((c) => c.name === 'trace')!;

  it('hold metadata.json (type ccaas, label) and code.tar.gz with connection.json', () => {
    const files = untar(gunzipSync(ccaasArchive(chaincode, 'abc')));
    expect([...files.keys()]).toEqual(['metadata.json', 'code.tar.gz']);
    expect(JSON.parse(files.get('metadata.json')!.toString())).toEqual({ type: 'ccaas', label: 'trace_1' });
    const code = untar(gunzipSync(files.get('code.tar.gz')!));
    expect(JSON.parse(code.get('connection.json')!.toString())).toEqual({ address: '127.0.0.1:8102', dial_timeout: '10s', tls_required: false });
    expect(code.get('code-digest')!.toString()).toBe('abc\n');
    expect(connectionJson(chaincode).address).toBe('127.0.0.1:8102');
  });

  it('have a package id that is stable for the same code and changes with it', () => {
    const id = packageIdOf('trace_1', ccaasArchive(chaincode, 'abc'));
    expect(id).toMatch(/^trace_1:[0-9a-f]{64}$/);
    expect(packageIdOf('trace_1', ccaasArchive(chaincode, 'abc'))).toBe(id);
    expect(packageIdOf('trace_1', ccaasArchive(chaincode, 'abd'))).not.toBe(id);
  });

  it('tar pads entries to 512-byte blocks and ends with two zero blocks', () => {
    const archive = tar([{ name: 'a', content: Buffer.from('x'.repeat(513)) }]);
    expect(archive.length).toBe(512 + 1024 + 1024);
    expect(untar(archive).get('a')!.length).toBe(513);
  });
});
