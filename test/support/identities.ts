// What the network should say about identities and peers, derived independently of the network under test.
import { X509Certificate } from 'node:crypto';
import type { PeerEndpoint } from './connection-info';

/** The id fabric-shim's ClientIdentity.getID() gives: x509::/<subject RDNs>::/<issuer RDNs>, first '/' of a value escaped. */
export function expectedClientId(certificatePem: string): string {
  const certificate = new X509Certificate(certificatePem);
  const dn = (name: string) =>
    name
      .split('\n')
      .map((rdn) => {
        const eq = rdn.indexOf('=');
        return `/${rdn.slice(0, eq)}=${rdn.slice(eq + 1).replace('/', '\\/')}`;
      })
      .join('');
  return `x509::${dn(certificate.subject)}::${dn(certificate.issuer)}`;
}

/**
 * Whether a gateway error detail's address names this peer. Fabric reports the peer's own endpoint setting, which a
 * network may give as its host name or as the loopback address it listens on; the port must be the peer's.
 */
export function namesPeer(address: string, peer: PeerEndpoint): boolean {
  const portOf = (hostPort: string) => hostPort.slice(hostPort.lastIndexOf(':') + 1);
  const hostOf = (hostPort: string) => hostPort.slice(0, hostPort.lastIndexOf(':'));
  const hosts = new Set([peer.hostname, hostOf(peer.endpoint), '127.0.0.1', 'localhost']);
  return portOf(address) === portOf(peer.endpoint) && hosts.has(hostOf(address));
}
