import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chaincodeTlsCrypto, ensureChaincodeTls, readChaincodeClientTls, type ChaincodeClientTls } from '../crypto';
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
  let dir: string;
  let tls: ChaincodeClientTls;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccaas-'));
    await ensureChaincodeTls(path.join(dir, 'a'), [chaincode]);
    tls = readChaincodeClientTls(path.join(dir, 'a'), 'trace');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hold metadata.json (type ccaas, label) and code.tar.gz with connection.json', () => {
    const files = untar(gunzipSync(ccaasArchive(chaincode, tls, 'abc')));
    expect([...files.keys()]).toEqual(['metadata.json', 'code.tar.gz']);
    expect(JSON.parse(files.get('metadata.json')!.toString())).toEqual({ type: 'ccaas', label: 'trace_1' });
    const code = untar(gunzipSync(files.get('code.tar.gz')!));
    expect(JSON.parse(code.get('connection.json')!.toString())).toEqual(connectionJson(chaincode, tls));
    expect(code.get('code-digest')!.toString()).toBe('abc\n');
  });

  it('have connection.json require TLS with client authentication, as PEM text of the chaincode TLS material', () => {
    const files = chaincodeTlsCrypto(path.join(dir, 'a'));
    const read = (file: string) => readFileSync(file, 'utf8');
    expect(connectionJson(chaincode, tls)).toEqual({
      address: '127.0.0.1:8102',
      domain: 'trace.chaincodes',
      dial_timeout: '10s',
      tls_required: true,
      client_auth_required: true,
      root_cert: read(files.tlsCa.certPath),
      client_cert: read(files.peerClient.certPath),
      client_key: read(files.peerClient.keyPath),
    });
    // The server's certificate chains to the root the peer checks it against, and carries the domain.
    const server = new X509Certificate(read(files.server('trace').certPath));
    expect(server.verify(new X509Certificate(connectionJson(chaincode, tls).root_cert).publicKey)).toBe(true);
    expect(server.checkHost(connectionJson(chaincode, tls).domain)).toBe('trace.chaincodes');
  });

  it('have a package id that is stable for the same code and crypto material and changes with either', async () => {
    const id = packageIdOf('trace_1', ccaasArchive(chaincode, tls, 'abc'));
    expect(id).toMatch(/^trace_1:[0-9a-f]{64}$/);
    await ensureChaincodeTls(path.join(dir, 'a'), [chaincode]);
    expect(packageIdOf('trace_1', ccaasArchive(chaincode, readChaincodeClientTls(path.join(dir, 'a'), 'trace'), 'abc'))).toBe(id);
    expect(packageIdOf('trace_1', ccaasArchive(chaincode, tls, 'abd'))).not.toBe(id);
    await ensureChaincodeTls(path.join(dir, 'b'), [chaincode]);
    expect(packageIdOf('trace_1', ccaasArchive(chaincode, readChaincodeClientTls(path.join(dir, 'b'), 'trace'), 'abc'))).not.toBe(id);
  });

  it('tar pads entries to 512-byte blocks and ends with two zero blocks', () => {
    const archive = tar([{ name: 'a', content: Buffer.from('x'.repeat(513)) }]);
    expect(archive.length).toBe(512 + 1024 + 1024);
    expect(untar(archive).get('a')!.length).toBe(513);
  });
});
