/**
 * Just enough JSON-LD context handling for the event hash: prefixes and terms from inline `@context`
 * objects, over the prefixes the GS1 EPCIS 2.0 context (https://ref.gs1.org/standards/epcis/2.0.0/
 * epcis-context.jsonld) defines. Remote contexts are never fetched, so the hash stays pure and works offline
 * inside chaincode; a document that names only the standard context must therefore find all of its prefixes
 * here, or `cbvmda:lotNumber` would hash as if it had no namespace.
 */
const EPCIS_CONTEXT_PREFIXES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    epcis: 'https://ref.gs1.org/epcis/',
    cbv: 'https://ref.gs1.org/cbv/',
    cbvmda: 'urn:epcglobal:cbv:mda:',
    gs1: 'https://gs1.org/voc/',
    rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    owl: 'http://www.w3.org/2002/07/owl#',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    dcterms: 'http://purl.org/dc/terms/',
  }),
);

export interface ExpandedName {
  readonly namespace: string;
  readonly localName: string;
}

export class JsonLdContext {
  /** The terms the contexts define. The standard prefixes under them are looked up in the one module-wide map, not copied into every event's context. */
  private readonly terms = new Map<string, string>();
  private vocabulary: string | undefined;

  constructor(...contexts: unknown[]) {
    for (const context of contexts) this.add(context);
  }

  private add(context: unknown): void {
    if (Array.isArray(context)) {
      for (const entry of context) this.add(entry);
      return;
    }
    if (typeof context !== 'object' || context === null) return;
    for (const [term, definition] of Object.entries(context as Record<string, unknown>)) {
      const iri = typeof definition === 'object' && definition !== null ? (definition as Record<string, unknown>)['@id'] : definition;
      if (typeof iri !== 'string') continue;
      if (term === '@vocab') this.vocabulary = iri;
      // A term that aliases a keyword ("id": "@id") names no namespace to expand with.
      else if (!term.startsWith('@') && !iri.startsWith('@')) this.terms.set(term, iri);
    }
  }

  /** `prefix:suffix` with a known prefix, expanded; anything else unchanged. */
  expandCurie(value: string): string {
    const colon = value.indexOf(':');
    if (colon <= 0 || value.startsWith('//', colon + 1)) return value;
    const namespace = this.#term(value.slice(0, colon));
    return namespace === undefined ? value : namespace + value.slice(colon + 1);
  }

  /**
   * The `{namespace}localName` parts of a property key. A prefixed key keeps its prefix IRI as the
   * namespace (that is how the XML and JSON-LD forms of one extension agree); a full IRI is split
   * after its last '/', '#' or ':'.
   */
  expandKey(key: string): ExpandedName {
    const colon = key.indexOf(':');
    if (colon > 0) {
      const namespace = this.#term(key.slice(0, colon));
      if (namespace !== undefined && !key.startsWith('//', colon + 1)) return { namespace, localName: key.slice(colon + 1) };
      return splitIri(key);
    }
    const term = this.#term(key);
    if (term !== undefined) return splitIri(this.expandCurie(term));
    return { namespace: this.vocabulary ?? '', localName: key };
  }

  #term(name: string): string | undefined {
    return this.terms.get(name) ?? EPCIS_CONTEXT_PREFIXES.get(name);
  }
}

function splitIri(iri: string): ExpandedName {
  const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'), iri.lastIndexOf(':')) + 1;
  return { namespace: iri.slice(0, cut), localName: iri.slice(cut) };
}
