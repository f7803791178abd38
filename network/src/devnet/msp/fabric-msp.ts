import { firstPemBlock } from '../../crypto';
import { MspError, type NodeOU } from './api';
import { chainIdentifier, MspCertificate } from './certificate';
import { validationChains } from './chain';
import type { MspConfig } from './config';

/** An OU a NodeOU role is recognised by, with the certifiers identifier it requires if any. */
interface NodeOUIdentifier {
  readonly ou: string;
  readonly certifiersIdentifier?: Buffer;
}

/** A certificate this MSP accepted, with what validation learnt about it. */
export interface ValidatedCertificate {
  readonly certificate: MspCertificate;
  /** SHA-256 of the chain above the certificate: the CertifiersIdentifier of its OUs. */
  readonly certifiersIdentifier: Buffer;
  readonly ou: NodeOU | undefined;
}

const NODE_OUS: readonly NodeOU[] = ['client', 'peer', 'admin', 'orderer'];

/** One X.509 MSP as Fabric's bccspmsp (v1.4.3 / v3 behaviour) sets it up and validates identities. */
export class FabricMsp {
  readonly mspId: string;
  readonly #roots: MspCertificate[];
  readonly #intermediates: MspCertificate[];
  /** CAs that signed an intermediate: identities they sign directly are refused. */
  readonly #internalNodes: MspCertificate[] = [];
  readonly #admins: MspCertificate[];
  readonly #nodeOUs = new Map<NodeOU, NodeOUIdentifier>();
  readonly ouEnforcement: boolean;

  /** Throws MspError when the configuration is unusable, with Fabric's reason. */
  constructor(config: MspConfig) {
    this.mspId = config.mspId;
    if (config.rootCerts.length === 0) throw this.#error('expected at least one CA certificate');
    this.#roots = config.rootCerts.map((pem) => parsePem(pem));
    this.#intermediates = config.intermediateCerts.map((pem) => parsePem(pem));
    for (const ca of [...this.#roots, ...this.#intermediates]) this.#checkCa(ca);
    for (const intermediate of this.#intermediates) {
      this.#internalNodes.push(...this.#uniqueChain(intermediate).slice(1));
    }
    for (const ou of NODE_OUS) {
      const identifier = config.nodeOUs?.identifiers[ou];
      if (!identifier) continue;
      this.#nodeOUs.set(ou, {
        ou: identifier.organizationalUnitIdentifier,
        certifiersIdentifier: identifier.certificate === undefined ? undefined : this.#certifiersOf(parsePem(identifier.certificate)),
      });
    }
    this.ouEnforcement = (config.nodeOUs?.enable ?? false) && this.#nodeOUs.size > 0;
    this.#admins = config.admins.map((pem) => parsePem(pem));
    if (this.#admins.length === 0 && (!this.ouEnforcement || !this.#nodeOUs.has('admin'))) {
      throw this.#error('administrators must be declared when no admin ou classification is set');
    }
    this.#admins.forEach((admin, i) => {
      if (!this.ouEnforcement) this.validate(admin);
      else if (!this.hasOURole(admin, 'client') && !this.hasOURole(admin, 'admin')) {
        throw this.#error(`admin ${i} is invalid: it has neither the client nor the admin OU`);
      }
    });
  }

  /**
   * Fabric's validateIdentity: not a CA, a single validation chain to this MSP's roots whose issuer is a
   * leaf CA of the certification tree, exactly one NodeOU when NodeOUs are enforced. Like Fabric's MSP it does not
   * look at the certificate's expiry (chains are checked as of the certificate's own start): the endorser's auth
   * filter, the orderer's broadcast and the deliver service refuse an expired identity, nothing else does.
   */
  validate(certificate: MspCertificate): ValidatedCertificate {
    // Fabric's DeserializeIdentity already finds the chain (sanitizeCert); what follows is its Validate.
    const chain = certificate.isCa ? [] : this.#uniqueChain(certificate);
    if (certificate.isCa) {
      throw this.#invalid('An X509 certificate with Basic Constraint: Certificate Authority equals true cannot be used as an identity');
    }
    if (chain.length < 2) throw this.#invalid(`expected a chain of length at least 2, got ${chain.length}`);
    if (this.#internalNodes.some((node) => node.equals(chain[1]))) {
      throw this.#invalid('invalid validation chain. Parent certificate should be a leaf of the certification tree');
    }
    const certifiersIdentifier = chainIdentifier(chain.slice(1));
    return { certificate, certifiersIdentifier, ou: this.#classify(certificate, certifiersIdentifier) };
  }

  /** Fabric's hasOURole: the certificate carries the role's OU (certifiers are not compared here). */
  hasOURole(certificate: MspCertificate, role: NodeOU): boolean {
    const identifier = this.#nodeOUs.get(role);
    return this.ouEnforcement && identifier !== undefined && certificate.subjectOUs.includes(identifier.ou);
  }

  /** Whether the certificate is one of the MSP's explicitly listed admins (admincerts). */
  isListedAdmin(certificate: MspCertificate): boolean {
    return this.#admins.some((admin) => admin.equals(certificate));
  }

  /** The NodeOU of a validated certificate; exactly one is required when NodeOUs are enforced. */
  #classify(certificate: MspCertificate, certifiersIdentifier: Buffer): NodeOU | undefined {
    if (!this.ouEnforcement) return undefined;
    const matches: NodeOU[] = [];
    for (const ou of certificate.subjectOUs) {
      const role = NODE_OUS.find((r) => this.#nodeOUs.get(r)?.ou === ou);
      if (!role) continue;
      const required = this.#nodeOUs.get(role)!.certifiersIdentifier;
      if (required && !required.equals(certifiersIdentifier)) {
        throw this.#invalid(`certifiersIdentifier does not match: OU ${ou}`);
      }
      matches.push(role);
    }
    if (matches.length === 0) {
      throw this.#invalid(`the identity does not have an OU that resolves to client, peer, orderer, or admin role. OUs: [${certificate.subjectOUs.join(' ')}]`);
    }
    if (matches.length > 1) {
      throw this.#invalid('the identity must have a client, a peer, an orderer, or an admin OU role to be valid, not a combination of them');
    }
    return matches[0];
  }

  #uniqueChain(certificate: MspCertificate): MspCertificate[] {
    const chains = validationChains(certificate, {
      roots: this.#roots,
      intermediates: this.#intermediates,
      time: certificate.notBefore + 1000,
    });
    if (chains.length === 0) throw this.#error('the supplied identity is not valid: x509: certificate signed by unknown authority');
    if (chains.length > 1) throw this.#error(`this MSP only supports a single validation chain, got ${chains.length}`);
    return chains[0];
  }

  #checkCa(ca: MspCertificate): void {
    if (!ca.isCa) throw this.#error('CA Certificate did not have the CA attribute');
    if (!ca.hasSubjectKeyId) throw this.#error('CA Certificate problem with Subject Key Identifier extension');
    this.#uniqueChain(ca);
  }

  /** Fabric's getCertifiersIdentifier: the hash of the CA's own chain; it must be one of the MSP's CAs. */
  #certifiersOf(ca: MspCertificate): Buffer {
    if (this.#roots.some((root) => root.equals(ca))) return chainIdentifier([ca]);
    if (this.#intermediates.some((intermediate) => intermediate.equals(ca))) return chainIdentifier(this.#uniqueChain(ca));
    throw this.#error('Failed adding OU. Certificate not in root or intermediate certs.');
  }

  #error(reason: string): MspError {
    return new MspError(`MSP ${this.mspId}: ${reason}`);
  }

  #invalid(reason: string): MspError {
    return new MspError(`MSP ${this.mspId}: ${reason}`, true);
  }
}

/** Like Fabric's getCertFromPem, the block's label is not checked, only that it holds a certificate. */
export function parsePem(pem: string | Uint8Array): MspCertificate {
  const block = firstPemBlock(typeof pem === 'string' ? pem : Buffer.from(pem).toString('latin1'));
  if (!block) throw new MspError('getCertFromPem error: could not decode pem bytes');
  return MspCertificate.fromDer(block.der);
}
