import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builderDir } from './config-files';

const bin = (step: string) => path.join(builderDir(), 'bin', step);
const run = (step: string, args: string[]) => execFileSync(process.execPath, [bin(step), ...args], { stdio: 'pipe' });
const status = (step: string, args: string[]) => {
  try {
    run(step, args);
    return 0;
  } catch (err) {
    return (err as { status: number }).status;
  }
};

describe('the external builder (detect, build, release)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'builder-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const folders = () => {
    const [source, metadata, build, release] = ['source', 'metadata', 'build', 'release'].map((name) => path.join(dir, name));
    for (const folder of [source, metadata]) mkdirSync(folder);
    return { source, metadata, build, release };
  };

  it('detect claims ccaas packages only', () => {
    const { source, metadata } = folders();
    writeFileSync(path.join(metadata, 'metadata.json'), JSON.stringify({ type: 'ccaas', label: 'x_1' }));
    expect(status('detect', [source, metadata])).toBe(0);
    writeFileSync(path.join(metadata, 'metadata.json'), JSON.stringify({ type: 'node', label: 'x_1' }));
    expect(status('detect', [source, metadata])).toBe(1);
  });

  it('build checks connection.json and release puts it where the peer reads it, with statedb indexes', () => {
    const { source, metadata, build, release } = folders();
    const connection = { address: '127.0.0.1:9999', dial_timeout: '10s', tls_required: false };
    writeFileSync(path.join(source, 'connection.json'), JSON.stringify(connection));
    mkdirSync(path.join(source, 'META-INF', 'statedb', 'couchdb', 'indexes'), { recursive: true });
    writeFileSync(path.join(source, 'META-INF', 'statedb', 'couchdb', 'indexes', 'i.json'), '{}');
    run('build', [source, metadata, build]);
    run('release', [build, release]);
    expect(JSON.parse(readFileSync(path.join(release, 'chaincode', 'server', 'connection.json'), 'utf8'))).toEqual(connection);
    expect(existsSync(path.join(release, 'statedb', 'couchdb', 'indexes', 'i.json'))).toBe(true);
  });

  it('build refuses a package without a usable address', () => {
    const { source, metadata, build } = folders();
    expect(status('build', [source, metadata, build])).toBe(1);
    writeFileSync(path.join(source, 'connection.json'), JSON.stringify({ address: 'nowhere' }));
    expect(status('build', [source, metadata, build])).toBe(1);
  });

  const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n';
  const tlsConnection = {
    address: '127.0.0.1:9999',
    dial_timeout: '10s',
    tls_required: true,
    client_auth_required: true,
    root_cert: CERT,
    client_cert: CERT,
    client_key: KEY,
  };

  it('build and release keep the TLS settings, PEM text and all, for the peer to dial with', () => {
    const { source, metadata, build, release } = folders();
    writeFileSync(path.join(source, 'connection.json'), JSON.stringify(tlsConnection));
    run('build', [source, metadata, build]);
    run('release', [build, release]);
    expect(JSON.parse(readFileSync(path.join(release, 'chaincode', 'server', 'connection.json'), 'utf8'))).toEqual(tlsConnection);
  });

  it.each([
    ['TLS without a root certificate', { root_cert: undefined }, /requires TLS but has no PEM "root_cert"/],
    ['a root certificate given as a file name', { root_cert: '/etc/ca.pem' }, /requires TLS but has no PEM "root_cert"/],
    ['client authentication without a client certificate', { client_cert: '' }, /no PEM "client_cert"/],
    ['client authentication without a client key', { client_key: CERT }, /no PEM "client_key"/],
    ['client authentication without TLS', { tls_required: false }, /client authentication without "tls_required"/],
    ['a flag that is not a boolean', { tls_required: 'yes' }, /"tls_required" must be true or false/],
  ])('build refuses %s', (_, change, message) => {
    const { source, metadata, build } = folders();
    writeFileSync(path.join(source, 'connection.json'), JSON.stringify({ ...tlsConnection, ...change }));
    expect(() => run('build', [source, metadata, build])).toThrow(message);
    expect(existsSync(path.join(build, 'connection.json'))).toBe(false);
  });
});
