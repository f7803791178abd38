// Every EPCIS 2.0 capture document of the shared corpus can be recorded, event by event, by an org whose role
// allows the event's step, and read back field for field (in the normalised form) from its data level.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventHashId, eventsOfDocument, normalizeEvent, parseEpcisDocument, rolesForStep } from '@crossborder-trace/domain';
import { useTestNetwork } from '../support/suite';
import { json, USER_ROLES, ORGS, refusalOf, registerEnterprises, traceContracts, type OrgName } from './alliance';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'epcis-capture');

/** Bare events are wrapped in a document of their own, keeping their @context. */
function asDocument(file: string): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (parsed.type === 'EPCISDocument') return parsed;
  const { '@context': context, ...event } = parsed;
  return { '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-01-01T00:00:00Z', epcisBody: { eventList: [event] } };
}

const files = ['Documents', 'Events'].flatMap((folder) =>
  readdirSync(path.join(CORPUS, folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(CORPUS, folder, name)),
);

/** The org whose role may record an event with this (normalised) step. */
function recorderFor(bizStep: string | undefined): OrgName {
  const roles = rolesForStep(bizStep);
  const org = ORGS.find((name) => roles.includes(USER_ROLES[name]));
  if (!org) throw new Error(`no org may record step ${String(bizStep)}`);
  return org;
}

beforeAll(() => registerEnterprises(network()));

test('the corpus is there', () => {
  expect(files.length).toBeGreaterThanOrEqual(43);
});

const recorded = new Set<string>();
const declared = new Set<string>();

test.each(files.map((file) => [path.relative(CORPUS, file), file]))('%s: every event recorded and read back', async (_name, file) => {
  const document = asDocument(file);
  const { events, context, options } = eventsOfDocument(document);
  for (const event of events) {
    const single = { ...document, epcisBody: { eventList: [event] } };
    // What the alliance stores: the event as the shared domain code validates and normalises it.
    const stored = normalizeEvent(parseEpcisDocument(single).events[0]);
    const org = recorderFor(stored.bizStep);
    const transientData = { epcis: Buffer.from(JSON.stringify(single)), salt: randomBytes(16) };
    const contract = traceContracts(network(), org).event;
    const id = eventHashId(event, context, options);
    if (recorded.has(id) && stored.errorDeclaration && !declared.has(id)) {
      // The corpus declares an event of another file erroneous: the declaration is recorded beside it.
      expect(json<{ ids: string[] }>(await contract.submit('capture', { transientData })).ids).toEqual([id]);
      declared.add(id);
      const summary = json<{ declaredErroneous?: unknown }>(await traceContracts(network(), 'Regulator').event.evaluateTransaction('get', id));
      expect(summary.declaredErroneous).toMatchObject({ eventId: id, declarationTime: stored.errorDeclaration.declarationTime });
      continue;
    }
    if (recorded.has(id)) {
      // The same event appears in more than one corpus file: it is refused, not stored twice.
      expect(await refusalOf(contract.submit('capture', { transientData }))).toContain(`DUPLICATE_EVENT: event ${id}`);
      continue;
    }
    expect(json<{ ids: string[] }>(await contract.submit('capture', { transientData })).ids).toEqual([id]);
    recorded.add(id);
    const detail = json<{ event: unknown }>(await traceContracts(network(), 'Regulator').event.evaluateTransaction('detail', id));
    expect(detail.event).toEqual(JSON.parse(JSON.stringify(stored)));
  }
});
