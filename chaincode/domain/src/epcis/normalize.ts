import { JsonLdContext } from '../hash/json-ld-context';
import { readIdentifier } from './identifier';
import { EpcisValidationError, issueAt, type EpcisIssue, type PathSegment } from './issues';
import type { EpcisEvent } from './types';
import { canonicalTerm, VOCABULARIES, type Vocabulary } from './vocabulary';

type Members = Readonly<Record<string, unknown>>;
type Path = readonly PathSegment[];
/** Rewrites one member's value; `path` is where that value sits. */
type Rewrite = (value: unknown, path: Path) => unknown;

/**
 * The form events are stored and compared in: CBV and GS1 vocabulary values as bare words (`shipping`,
 * `in_transit`, `Temperature`), identifiers as canonical GS1 Digital Links. Everything else (times, numbers,
 * user-defined URIs, extensions) stays as written, and members keep their order, so the same input always
 * gives the same output. Pure: it runs inside the chaincode, where every peer must agree.
 * A vocabulary value written as a compact IRI (`ex:retail_selling`, with `ex` bound by the document's @context to
 * the CBV's BizStep namespace) is expanded first: it is that CBV term, for authority as for the hash.
 * @throws EpcisValidationError (invalid_identifier, bad_check_digit) with paths relative to the event.
 */
export function normalizeEvent(event: EpcisEvent, context?: unknown): EpcisEvent {
  const issues: EpcisIssue[] = [];
  const curies = new JsonLdContext(context);

  const identifier: Rewrite = (value, path) => {
    if (typeof value !== 'string') return value;
    const reading = readIdentifier(value);
    if (reading.ok) return reading.canonical;
    issues.push(issueAt(path, reading.code, reading.problem));
    return value;
  };

  const normalized = rewriteMembers(event, eventRewrites(identifier, (value) => curies.expandCurie(value)), []);
  if (issues.length > 0) throw new EpcisValidationError(issues);
  // Only values were rewritten, each into another spelling of the same kind, so the shape is the event's own.
  return normalized as unknown as EpcisEvent;
}

function rewriteMembers(members: unknown, rewrites: Readonly<Record<string, Rewrite>>, path: Path): unknown {
  if (typeof members !== 'object' || members === null || Array.isArray(members)) return members;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members as Members)) {
    const rewrite = rewrites[key];
    result[key] = rewrite === undefined ? value : rewrite(value, [...path, key]);
  }
  return result;
}

type Expand = (value: string) => string;

const term =
  (vocabulary: Vocabulary, expand: Expand): Rewrite =>
  (value) =>
    typeof value === 'string' ? canonicalTerm(vocabulary, expand(value)) : value;

const each =
  (rewrite: Rewrite): Rewrite =>
  (value, path) =>
    Array.isArray(value) ? value.map((element, index) => rewrite(element, [...path, index])) : value;

const members =
  (rewrites: Readonly<Record<string, Rewrite>>): Rewrite =>
  (value, path) =>
    rewriteMembers(value, rewrites, path);

function eventRewrites(identifier: Rewrite, expand: Expand): Readonly<Record<string, Rewrite>> {
  const quantities = each(members({ epcClass: identifier }));
  const place = members({ id: identifier });
  const disposition = term(VOCABULARIES.disposition, expand);
  const sourceDestinationType = term(VOCABULARIES.sourceDestinationType, expand);
  return {
    epcList: each(identifier),
    childEPCs: each(identifier),
    inputEPCList: each(identifier),
    outputEPCList: each(identifier),
    parentID: identifier,
    quantityList: quantities,
    childQuantityList: quantities,
    inputQuantityList: quantities,
    outputQuantityList: quantities,
    bizStep: term(VOCABULARIES.bizStep, expand),
    disposition,
    persistentDisposition: members({ set: each(disposition), unset: each(disposition) }),
    readPoint: place,
    bizLocation: place,
    bizTransactionList: each(members({ type: term(VOCABULARIES.bizTransactionType, expand) })),
    sourceList: each(members({ type: sourceDestinationType, source: identifier })),
    destinationList: each(members({ type: sourceDestinationType, destination: identifier })),
    errorDeclaration: members({ reason: term(VOCABULARIES.errorReason, expand) }),
    sensorElementList: each(
      members({
        sensorReport: each(
          members({
            type: term(VOCABULARIES.measurementType, expand),
            exception: term(VOCABULARIES.sensorAlertType, expand),
            component: term(VOCABULARIES.component, expand),
          }),
        ),
      }),
    ),
  };
}
