import { FINANCIER_CERTIFICATE, isRole, ROLES } from '@crossborder-trace/domain';

/**
 * `--attr name=value` pairs as certificate attributes. A `role` must be an alliance role: the chaincode acts only
 * on roles the alliance charter grants, so a certificate with any other value would be of no use. The one other is
 * `financier`, which grants nothing on the ledger: the regulator's gateway lets such a user read the credit reports
 * an enterprise authorised its financier (`financier=<id>`) to read.
 */
export function userAttributes(pairs: readonly string[]): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--attr wants name=value, got ${pair}`);
    attrs[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (attrs.role !== undefined && !isRole(attrs.role) && attrs.role !== FINANCIER_CERTIFICATE.role) {
    throw new Error(`role '${attrs.role}' is not an alliance role: use one of ${ROLES.join(', ')} (or ${FINANCIER_CERTIFICATE.role} with ${FINANCIER_CERTIFICATE.idAttribute}=<id>)`);
  }
  return attrs;
}
