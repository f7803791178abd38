import type { Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import type { PublicItems } from '../../services/public-items';
import { Problem } from '../problem';

/** The GS1 Web Vocabulary: link types are its terms, written in full in a linkset and as gs1:term in linkType=. */
const GS1_VOC = 'https://gs1.org/voc/';
const LINKSET_TYPE = 'application/linkset+json';
/** GS1's resolver root, on which canonical Digital Links are written. */
const GS1_ROOT = 'https://id.gs1.org';

/**
 * The primary key this resolver answers for. Only sold trade items have a public record, and a trade item is a GTIN
 * (AI 01) with its key qualifiers (22 variant, 10 lot, 21 serial, 235 third-party serial), as the domain's parser
 * reads them; "gtin" is GS1 Digital Link 1.x's short name for it, still found on printed codes.
 */
const KEY_PATH = /^\/(?:01|gtin)\/[^/]/;

interface Link {
  readonly href: string;
  readonly title: string;
  readonly type: string;
  readonly hreflang?: readonly string[];
}

/**
 * A GS1-Conformant resolver (GS1 Digital Link 1.2 URI syntax, GS1-Conformant Resolver 1.1) on every gateway, for
 * the QR code on the product: /01/{gtin}[/22/{cpv}][/10/{lot}]/21/{serial} redirects (307) to the consumer page by
 * default (gs1:pip); ?linkType=linkset or Accept: application/linkset+json answers the RFC 9264 linkset;
 * ?linkType=gs1:traceability (or any other type listed) redirects to that link. A malformed link is 400, an item
 * without a public record 404. The description of the resolver is at /.well-known/gs1resolver.
 */
export function resolverRoutes(items: PublicItems, limit: RequestHandler, org: string): Router {
  const router = Router();
  router.get('/.well-known/gs1resolver', limit, (req, res) => {
    res.json({
      name: `crossborder-trace resolver of ${org}`,
      resolverRoot: originOf(req),
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: GS1_VOC, prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
    });
  });
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !KEY_PATH.test(req.path)) return next();
    limit(req, res, (err?: unknown) => {
      if (err) return next(err);
      try {
        resolve(items, req, res);
      } catch (thrown) {
        next(thrown);
      }
    });
  });
  return router;
}

function resolve(items: PublicItems, req: Request, res: Response): void {
  const origin = originOf(req);
  // The path is a Digital Link's key path: read on GS1's root (not this host's, which a problem would echo back).
  const epc = items.itemOf(`${GS1_ROOT}${req.path}`);
  if (!items.has(epc)) throw new Problem(404, 'NOT_PUBLISHED', 'No public record of this item', `${epc} has no public record: only a sold item has one`);
  const links = linksOf(origin, epc, items);
  const linkType = typeof req.query.linkType === 'string' ? req.query.linkType : undefined;
  res.setHeader('Vary', 'Accept');
  res.setHeader('Link', `<${origin}${req.path}?linkType=linkset>; rel="linkset"; type="${LINKSET_TYPE}"`);
  if (linkType === 'linkset' || linkType === 'all' || (linkType === undefined && acceptsLinkset(req))) {
    const relations = Object.entries(links).filter(([, list]) => list.length > 0);
    res.type(LINKSET_TYPE).send(JSON.stringify({ linkset: [{ anchor: epc, ...Object.fromEntries(relations.map(([type, list]) => [GS1_VOC + type, list])) }] }));
    return;
  }
  // A link type the item has no link of goes to the default link, as the resolver standard asks.
  const chosen = (linkType && links[termOf(linkType)]?.[0]) || links.defaultLink[0];
  res.redirect(307, chosen.href);
}

/** gs1:traceability and https://gs1.org/voc/traceability name the same type. */
function termOf(linkType: string): string {
  if (linkType.startsWith('gs1:')) return linkType.slice(4);
  if (linkType.startsWith(GS1_VOC)) return linkType.slice(GS1_VOC.length);
  return linkType;
}

/** Only a client that names the linkset type gets it without linkType= (a browser, which accepts anything, gets the page). */
function acceptsLinkset(req: Request): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes(LINKSET_TYPE);
}

/** This gateway's origin as the client reached it (the links it is given lead back here). */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function linksOf(origin: string, epc: string, items: PublicItems): Record<string, readonly Link[]> {
  const item = encodeURIComponent(epc);
  const page = `${origin}/consumer?item=${item}`;
  const { record } = items.record(epc);
  const recalled = record.recalls.length > 0;
  const pip: Link = { href: page, title: 'The item: its journey, checks and proofs', type: 'text/html', hreflang: ['en'] };
  return {
    pip: [pip],
    defaultLink: [pip],
    traceability: [{ href: `${origin}/public/items/${item}`, title: 'The published record and complaints (JSON)', type: 'application/json' }],
    recallStatus: [{ href: `${page}#recalls`, title: recalled ? `Recalled: ${record.recalls.map((r) => r.reason).join('; ')}` : 'No recall', type: 'text/html', hreflang: ['en'] }],
    verificationService: [{ href: `${page}#verification`, title: 'Each step checked in your browser against the Merkle root on the public ledger', type: 'text/html', hreflang: ['en'] }],
    certificationInfo: (record.product?.standards ?? []).map((standard) => ({ href: `${page}#standards`, title: standard, type: 'text/html', hreflang: ['en'] })),
  };
}
