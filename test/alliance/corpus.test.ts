// Every EPCIS 2.0 capture document of the shared corpus can be recorded, event by event, in a role that allows the
// event's step, and read back field for field (in the normalised form) from its data level. The corpus's items
// pass from hand to hand without the shipments that would hand them over, so one firm records them all: on
// test/network/one-firm.yaml the charter grants the manufacturer every business role, and its CA issues a user
// for each.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventHashId, eventsOfDocument, normalizeEvent, parseEpcisDocument, rolesForStep, type Role } from '@crossborder-trace/domain';
import { useTestNetwork } from '../support/suite';
import { json, refusalOf, registerEnterprises, regulatorDetail, traceContracts, traceContractsAs, type TraceContracts } from './alliance';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true, description: path.resolve(__dirname, '..', 'network', 'one-firm.yaml') });

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

const BUSINESS_ROLES: readonly Role[] = ['manufacturer', 'platform', 'logistics', 'customs'];
const recorders = new Map<Role, TraceContracts>();

/** The manufacturer's user in the first business role that may record an event with this (normalised) step. */
function recorderFor(bizStep: string | undefined): TraceContracts {
  const role = BUSINESS_ROLES.find((candidate) => rolesForStep(bizStep).includes(candidate));
  if (!role) throw new Error(`no business role may record step ${String(bizStep)}`);
  return recorders.get(role)!;
}

beforeAll(async () => {
  await registerEnterprises(network());
  await traceContracts(network(), 'Manufacturer', 'Admin').enterprise.submitTransaction('register', JSON.stringify({ name: 'Manufacturer Co.', country: 'DE', roles: BUSINESS_ROLES }));
  for (const role of BUSINESS_ROLES) recorders.set(role, traceContractsAs(network(), 'Manufacturer', await network().issueUser('Manufacturer', `Corpus-${role}`, { role })));
});

test('the corpus is there', () => {
  expect(files.length).toBeGreaterThanOrEqual(43);
});

/** The alliance id each recorded event got, by its CBV 2.0 hash ID. */
const recorded = new Map<string, string>();
const declared = new Set<string>();

test.each(files.map((file) => [path.relative(CORPUS, file), file]))('%s: every event recorded and read back', async (_name, file) => {
  const document = asDocument(file);
  const { events, context, options } = eventsOfDocument(document);
  for (const event of events) {
    const single = { ...document, epcisBody: { eventList: [event] } };
    // What the alliance stores: the event as the shared domain code validates and normalises it.
    const stored = normalizeEvent(parseEpcisDocument(single).events[0], context);
    const transientData = { epcis: Buffer.from(JSON.stringify(single)), salt: randomBytes(16) };
    const contract = recorderFor(stored.bizStep).event;
    const hashId = eventHashId(event, context, options);
    const earlier = recorded.get(hashId);
    if (earlier && stored.errorDeclaration && !declared.has(hashId)) {
      // The corpus declares an event of another file erroneous: the declaration is recorded beside it.
      expect(json<{ ids: string[] }>(await contract.submit('capture', { transientData })).ids).toEqual([earlier]);
      declared.add(hashId);
      const summary = json<{ declaredErroneous?: unknown }>(await traceContracts(network(), 'Regulator').event.evaluateTransaction('get', earlier));
      expect(summary.declaredErroneous).toMatchObject({ eventId: earlier, declarationTime: stored.errorDeclaration.declarationTime });
      continue;
    }
    if (earlier) {
      // The same event appears in more than one corpus file: it is refused, not stored twice.
      expect(await refusalOf(contract.submit('capture', { transientData }))).toContain(`DUPLICATE_EVENT: event ${earlier}`);
      continue;
    }
    const [id] = json<{ ids: string[] }>(await contract.submit('capture', { transientData })).ids;
    recorded.set(hashId, id);
    const detail = json<{ hashId: string; event: unknown }>(await regulatorDetail(network(), id));
    expect(detail.hashId).toBe(hashId);
    expect(detail.event).toEqual(JSON.parse(JSON.stringify(stored)));
  }
});
