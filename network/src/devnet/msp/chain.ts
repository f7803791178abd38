import type { MspCertificate } from './certificate';

/** Go's x509 VerifyOptions as Fabric's MSP fills them: its roots and intermediates, and a fixed time. */
export interface ChainOptions {
  readonly roots: readonly MspCertificate[];
  readonly intermediates: readonly MspCertificate[];
  /** Fabric verifies at the certificate's NotBefore + 1s, so a CA's later expiry does not void it. */
  readonly time: number;
}

/**
 * Every validation chain from certificate to a root (certificate first), as Go's Certificate.Verify finds
 * them: each parent signed its child, is a CA valid at the time and within its path length, and every
 * certificate with extended key usages allows server auth (Go's default when none is asked for).
 */
export function validationChains(certificate: MspCertificate, options: ChainOptions): MspCertificate[][] {
  if (!certificate.isValidAt(options.time) || !certificate.allowsServerAuth) return [];
  if (options.roots.some((root) => root.equals(certificate))) return [[certificate]];
  const chains: MspCertificate[][] = [];
  const extend = (chain: MspCertificate[]): void => {
    const child = chain[chain.length - 1];
    for (const root of options.roots) {
      if (canSign(root, child, chain, options.time)) chains.push([...chain, root]);
    }
    for (const intermediate of options.intermediates) {
      if (chain.some((c) => c.equals(intermediate))) continue; // no loops
      if (canSign(intermediate, child, chain, options.time)) extend([...chain, intermediate]);
    }
  };
  extend([certificate]);
  return chains;
}

function canSign(parent: MspCertificate, child: MspCertificate, chain: readonly MspCertificate[], time: number): boolean {
  const intermediatesBelow = chain.length - 1;
  return (
    parent.isCa &&
    parent.isValidAt(time) &&
    parent.allowsServerAuth &&
    (parent.maxPathLength === undefined || intermediatesBelow <= parent.maxPathLength) &&
    child.isSignedBy(parent)
  );
}
