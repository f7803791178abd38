import type { NetworkDescription } from '../description';
import { ensureChaincodeTls } from './chaincode-tls';
import { ensureOrdererOrg, ensurePeerOrg } from './orgs';

/**
 * Our cryptogen: writes every org's CAs, MSP folders, node, admin and user identities under root in
 * cryptogen's layout (peerOrganizations/<domain>, ordererOrganizations/<domain>), and the chaincode servers' TLS
 * material beside them (chaincodes/). Idempotent: existing keys are never replaced; only what is missing or no
 * longer consistent is issued.
 */
export async function generateCryptoMaterial(description: NetworkDescription, root: string): Promise<void> {
  await ensureOrdererOrg(root, description.ordererOrg);
  for (const org of description.peerOrgs) await ensurePeerOrg(root, org);
  await ensureChaincodeTls(root, description.chaincodes);
}
