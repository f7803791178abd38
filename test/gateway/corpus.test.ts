// Every EPCIS 2.0 document and event of the shared corpus captured through an org's gateway (POST /capture, and
// POST /events for the bare events) and read back through GET /events/{id}, its detail and GET /events. As in
// test/alliance/corpus.test.ts, the corpus's items pass from hand to hand without the shipments that would hand
// them over, so one firm records them all: on test/network/one-firm.yaml the charter grants the manufacturer every
// business role, its CA issues a user for each, and its gateway holds them. Each event goes to the user of the
// first business role that may record its step.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventHashId, eventsOfDocument, normalizeEvent, parseEpcisDocument, rolesForStep, type Role } from '@crossborder-trace/domain';
import { startGateway, type GatewayUser } from '@crossborder-trace/gateway';
import pino from 'pino';
import { useTestNetwork } from '../support/suite';
import { tempDir } from '../support/temp-dirs';
import { gatewayOptionsFor, orgGateway, startOrgGateway, type OrgGateway } from './gateways';
import { endedJob, eventListOf, expectProblem, jsonOf } from './rest';

jest.setTimeout(300_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true, description: path.resolve(__dirname, '..', 'network', 'one-firm.yaml') });

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'epcis-capture');
const files = ['Documents', 'Events'].flatMap((folder) =>
  readdirSync(path.join(CORPUS, folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(CORPUS, folder, name)),
);

/** A bare event in a document of its own, keeping its @context (as the alliance's corpus suite reads it). */
function asDocument(parsed: Record<string, unknown>): Record<string, unknown> {
  if (parsed.type === 'EPCISDocument') return parsed;
  const event = Object.fromEntries(Object.entries(parsed).filter(([name]) => name !== '@context'));
  return { '@context': parsed['@context'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-01-01T00:00:00Z', epcisBody: { eventList: [event] } };
}

const BUSINESS_ROLES: readonly Role[] = ['manufacturer', 'platform', 'logistics', 'customs'];
const userOf = (role: Role) => `Corpus-${role}`;

let manufacturer: OrgGateway;
let regulator: OrgGateway;
const keys = new Map<Role, string>();
let regulatorKey: string;

beforeAll(async () => {
  // The manufacturer's users in each business role, as files its gateway's configuration names.
  const identities = tempDir('corpus-users-');
  const users: GatewayUser[] = [];
  for (const role of BUSINESS_ROLES) {
    const identity = await network().issueUser('Manufacturer', userOf(role), { role });
    const folder = path.join(identities, role);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'cert.pem'), identity.certificatePem);
    writeFileSync(path.join(folder, 'key.pem'), identity.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    users.push({ name: userOf(role), certPath: path.join(folder, 'cert.pem'), keyPath: path.join(folder, 'key.pem') });
  }
  const base = gatewayOptionsFor(network(), 'Manufacturer', tempDir('gateway-Manufacturer-'));
  const options = { ...base, users: [...base.users, ...users] };
  const running = await startGateway(options, { log: pino({ level: process.env.GATEWAY_LOG ?? 'silent' }) });
  manufacturer = orgGateway('Manufacturer', running.url, options, () => running.close());
  regulator = await startOrgGateway(network(), 'Regulator');

  const registered = await manufacturer.call(manufacturer.key('Admin'), 'POST', '/enterprises', { body: { name: 'Manufacturer Co.', country: 'DE', roles: BUSINESS_ROLES } });
  expect(registered.status).toBe(201);
  expect((await regulator.call(regulator.key('Admin'), 'POST', '/enterprises', { body: { name: 'Regulator', country: 'CN', roles: ['regulator'] } })).status).toBe(201);
  for (const role of BUSINESS_ROLES) keys.set(role, manufacturer.key(userOf(role)));
  regulatorKey = regulator.key('User1');
});

afterAll(async () => {
  await manufacturer?.close();
  await regulator?.close();
});

/** The first business role that may record an event with this (normalised) step. */
function roleFor(bizStep: string | undefined): Role {
  const role = BUSINESS_ROLES.find((candidate) => rolesForStep(bizStep).includes(candidate));
  if (!role) throw new Error(`no business role may record step ${String(bizStep)}`);
  return role;
}

/** What one corpus event is, and what the ledger should make of it given what was recorded before. */
interface Planned {
  readonly event: Record<string, unknown>;
  readonly hashId: string;
  readonly stored: unknown;
  readonly role: Role;
  readonly errorDeclaration: boolean;
}

/** Alliance ids by CBV 2.0 hash ID, of every event recorded so far; hash IDs already declared erroneous. */
const recorded = new Map<string, string>();
const declared = new Set<string>();

/** What capturing the event now should do: record it, declare an earlier one erroneous, or be a duplicate. */
function outcomeOf(planned: Planned): 'recorded' | 'declared' | 'duplicate' {
  if (!recorded.has(planned.hashId)) return 'recorded';
  if (planned.errorDeclaration && !declared.has(planned.hashId)) return 'declared';
  return 'duplicate';
}

function planOf(document: Record<string, unknown>): Planned[] {
  const { events, context, options } = eventsOfDocument(document);
  return events.map((event) => {
    // What the alliance stores: the event as the shared domain code validates and normalises it.
    const stored = normalizeEvent(parseEpcisDocument({ ...document, epcisBody: { eventList: [event] } }).events[0], context);
    return { event, hashId: eventHashId(event, context, options), stored: JSON.parse(JSON.stringify(stored)), role: roleFor(stored.bizStep), errorDeclaration: stored.errorDeclaration !== undefined };
  });
}

/** Notes an event the ledger took, by its hash ID. */
function took(planned: Planned, id: string): void {
  const outcome = outcomeOf(planned);
  if (outcome === 'declared') {
    expect(id).toBe(recorded.get(planned.hashId));
    declared.add(planned.hashId);
  } else recorded.set(planned.hashId, id);
}

/** Runs of consecutive events with the same recording role: each run is one capture by that role's user. */
function runsOf(planned: readonly Planned[]): Planned[][] {
  const runs: Planned[][] = [];
  for (const p of planned) {
    const last = runs.at(-1);
    if (last && last[0].role === p.role) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

test('the corpus is there', () => {
  expect(files.filter((f) => f.includes(`${path.sep}Documents${path.sep}`)).length).toBeGreaterThanOrEqual(38);
  expect(files.filter((f) => f.includes(`${path.sep}Events${path.sep}`)).length).toBeGreaterThanOrEqual(5);
});

const documents = files.filter((file) => JSON.parse(readFileSync(file, 'utf8')).type === 'EPCISDocument');
const bareEvents = files.filter((file) => !documents.includes(file));

test.each(documents.map((file) => [path.relative(CORPUS, file), file]))('%s: captured through POST /capture', async (_name, file) => {
  const bytes = readFileSync(file);
  const document = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  const planned = planOf(document);
  const runs = runsOf(planned);
  if (runs.length === 1 && planned.every((p) => outcomeOf(p) === 'recorded')) {
    // The file as it is, bytes and all: one transaction (rollback, the default) records all its events.
    const response = await manufacturer.call(keys.get(runs[0][0].role)!, 'POST', '/capture', { body: bytes });
    expect(response.status).toBe(202);
    const job = await endedJob(manufacturer, keys.get(runs[0][0].role)!, response.headers.get('location')!);
    expect(job).toMatchObject({ success: true, errors: [], captureErrorBehaviour: 'rollback' });
    expect(job.eventIDs).toHaveLength(planned.length);
    planned.forEach((p, index) => took(p, job.eventIDs[index]));
    return;
  }
  // Events of several roles, or some recorded by an earlier file: each run by its role's user, each event on its
  // own (proceed), so that a duplicate is refused without holding back the rest.
  for (const run of runs) {
    const key = keys.get(run[0].role)!;
    const response = await manufacturer.call(key, 'POST', '/capture', { body: { ...document, epcisBody: { eventList: run.map((p) => p.event) } }, headers: { 'GS1-Capture-Error-Behaviour': 'proceed' } });
    expect(response.status).toBe(202);
    const job = await endedJob(manufacturer, key, response.headers.get('location')!);
    const outcomes = run.map(outcomeOf);
    const duplicates = outcomes.flatMap((o, index) => (o === 'duplicate' ? [index] : []));
    expect(job.errors.map((e) => [e.eventIndex, e.code])).toEqual(duplicates.map((index) => [index, 'DUPLICATE_EVENT']));
    for (const index of duplicates) expect(job.errors.find((e) => e.eventIndex === index)!.detail).toContain(`event ${recorded.get(run[index].hashId)}`);
    const taken = run.filter((_, index) => outcomes[index] !== 'duplicate');
    expect(job.eventIDs).toHaveLength(taken.length);
    taken.forEach((p, index) => took(p, job.eventIDs[index]));
    expect(job.success).toBe(duplicates.length === 0);
  }
});

test.each(bareEvents.map((file) => [path.relative(CORPUS, file), file]))('%s: captured through POST /events', async (_name, file) => {
  const bytes = readFileSync(file);
  const [planned] = planOf(asDocument(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>));
  const response = await manufacturer.call(keys.get(planned.role)!, 'POST', '/events', { body: bytes });
  if (outcomeOf(planned) === 'duplicate') {
    // The same event is in a corpus document too: refused, not stored twice.
    const problem = await expectProblem(response, 409, 'DUPLICATE_EVENT', 'epcisException:ValidationException');
    expect(problem.detail).toContain(`event ${recorded.get(planned.hashId)}`);
    return;
  }
  expect(response.status).toBe(201);
  const { eventID } = await jsonOf<{ eventID: string }>(response);
  expect(response.headers.get('location')).toBe(`/events/${encodeURIComponent(eventID)}`);
  took(planned, eventID);
});

/** Every stored event as it was planned, for the read-back. */
const everyPlanned = (): Planned[] => {
  const seen = new Map<string, Planned>();
  for (const file of files) {
    for (const p of planOf(asDocument(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>))) if (!seen.has(p.hashId)) seen.set(p.hashId, p);
  }
  return [...seen.values()];
};

test('every recorded event reads back through GET /events/{id} and its detail, field for field', async () => {
  const planned = everyPlanned();
  expect(recorded.size).toBe(planned.length);
  for (const p of planned) {
    const id = recorded.get(p.hashId)!;
    const detail = await regulator.call(regulatorKey, 'GET', `/events/${encodeURIComponent(id)}/detail`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ id, hashId: p.hashId, event: p.stored });
    // The summary by alliance id and by CBV 2.0 hash ID, as an EPCIS event.
    for (const name of [id, p.hashId]) {
      const summary = await regulator.call(regulatorKey, 'GET', `/events/${encodeURIComponent(name)}`);
      expect(summary.status).toBe(200);
      expect(await summary.json()).toMatchObject({ eventID: id, type: (p.stored as { type: string }).type, 'cbt:recordedBy': 'ManufacturerMSP' });
    }
  }
});

test('GET /events pages through every recorded event, each once', async () => {
  const ids: string[] = [];
  let next: string | undefined = `/events?eventType=${['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'].join('|')}&perPage=7`;
  for (let page = 0; next !== undefined && page < 100; page++) {
    const response = await regulator.call(regulatorKey, 'GET', next);
    expect(response.status).toBe(200);
    ids.push(...eventListOf(await response.json()).map((e) => e.eventID as string));
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
  }
  expect(next).toBeUndefined();
  expect(ids.slice().sort()).toEqual([...recorded.values()].sort());
});
