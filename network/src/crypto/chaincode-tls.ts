import type { ChaincodeDescription } from '../description';
import { loadOrCreateAuthority } from './authority';
import { ExtendedKeyUsage } from './certificates';
import { CryptoMaterialError } from './errors';
import { readIfExists } from './files';
import { ensureTlsIdentity } from './identities';
import { chaincodeTlsCrypto } from './layout';

/**
 * TLS between peers and chaincode servers (chaincode as a service) has a CA of its own, outside every org:
 * - one chaincode server serves the peers of every org, and its package's connection.json (one file, one package
 *   id on every peer) carries a single client certificate, so no org is the natural issuer;
 * - a chaincode server admits any client its client CA certifies. An org's TLS CA also certifies the org's users
 *   and admins, any of whom could then dial the chaincode and answer its state requests in the peer's place;
 *   this CA certifies the peers' client and nothing else.
 * Server certificates may only serve and the peers' certificate may only dial, so a chaincode server's key cannot
 * pass for a peer at another chaincode server.
 */
const ORGANIZATION = 'chaincodes';
const PEER_CLIENT = 'peer';

/**
 * What a peer dials one chaincode server with: connection.json's domain (the name the server's certificate must
 * carry), and root_cert, client_cert and client_key as PEM text.
 */
export interface ChaincodeClientTls {
  readonly serverName: string;
  /** The chaincode TLS CA's certificate, which every chaincode server's certificate chains to. */
  readonly rootCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/**
 * The name a chaincode server's certificate is issued for and checked against. Peers check it rather than the
 * address they dial, as they check each other's hostnames: the address is a loopback IP, and a TLS client naming
 * an IP in its handshake goes against RFC 6066 (Node warns about it).
 */
export function chaincodeServerName(chaincodeName: string): string {
  return `${chaincodeName}.${ORGANIZATION}`;
}

/** Completes the chaincode TLS CA, the peers' client certificate and a server certificate per chaincode. */
export async function ensureChaincodeTls(root: string, chaincodes: readonly ChaincodeDescription[]): Promise<void> {
  const files = chaincodeTlsCrypto(root);
  const tlsCa = await loadOrCreateAuthority(files.tlsCa, ORGANIZATION);
  const client = [ExtendedKeyUsage.clientAuth];
  await ensureTlsIdentity({ files: files.peerClient, organization: ORGANIZATION, commonName: PEER_CLIENT, extendedKeyUsages: client }, tlsCa);
  for (const chaincode of chaincodes) {
    await ensureTlsIdentity(
      {
        files: files.server(chaincode.name),
        organization: ORGANIZATION,
        commonName: chaincodeServerName(chaincode.name),
        extendedKeyUsages: [ExtendedKeyUsage.serverAuth],
        // Its address too, for a client that checks the host it dials.
        hosts: [...new Set([chaincodeServerName(chaincode.name), chaincode.endpoint.host])],
      },
      tlsCa,
    );
  }
}

/** How peers dial the named chaincode's server, with the material generated under root. */
export function readChaincodeClientTls(root: string, chaincodeName: string): ChaincodeClientTls {
  const files = chaincodeTlsCrypto(root);
  const read = (file: string) => {
    const pem = readIfExists(file);
    if (pem === undefined) throw new CryptoMaterialError(`no chaincode TLS material at ${file}: generate the crypto material first`);
    return pem;
  };
  return {
    serverName: chaincodeServerName(chaincodeName),
    rootCert: read(files.tlsCa.certPath),
    clientCert: read(files.peerClient.certPath),
    clientKey: read(files.peerClient.keyPath),
  };
}
