// What one member can make the alliance hold and answer is bounded: a capture beyond its limits is refused
// before anything is recorded, and queries over the largest events a capture may hold answer within what a
// client receives by default (4 MiB), cutting a trace or handing back a bookmark instead of growing.
import { CAPTURE_LIMITS } from '@crossborder-trace/domain';
import { useTestNetwork } from '../support/suite';
import { captureWith, epcisDocument, json, refusalOf, registerEnterprises, traceContracts } from './alliance';

jest.setTimeout(240_000);
const network = useTestNetwork({ name: __filename, blockPerTx: true });

const ITEM = 'https://id.gs1.org/01/04000000000006/21/BOUNDS';
const DEFAULT_CLIENT_LIMIT = 4 * 1024 * 1024;
const LARGE_EVENTS = 24;

let minute = 0;
/** An event naming the item and as many quantity classes as a list may hold, each with a long lot. */
function largeEvent(): Record<string, unknown> {
  minute += 1;
  const quantityList = Array.from({ length: CAPTURE_LIMITS.maxListLength }, (_, i) => ({
    epcClass: `https://id.gs1.org/01/04000000000006/10/LOT-${minute}-${String(i).padStart(4, '0')}-ABCDEFGH`,
    quantity: 1,
  }));
  return { type: 'ObjectEvent', eventTime: `2026-04-01T10:${String(minute).padStart(2, '0')}:00.000Z`, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'storing', epcList: [ITEM], quantityList };
}

beforeAll(async () => {
  await registerEnterprises(network());
  const logistics = traceContracts(network(), 'Logistics');
  for (let i = 0; i < LARGE_EVENTS; i += 8) {
    await captureWith(logistics, epcisDocument(...Array.from({ length: 8 }, largeEvent)));
  }
});

test('a capture beyond the limits is refused as a whole, naming the limit, and records nothing', async () => {
  const logistics = traceContracts(network(), 'Logistics');
  const small = (serial: string) => ({ ...largeEvent(), epcList: [`https://id.gs1.org/01/04000000000006/21/${serial}`], quantityList: undefined });
  const tooMany = epcisDocument(...Array.from({ length: CAPTURE_LIMITS.maxEvents + 1 }, (_, i) => small(`MANY${i}`)));
  expect(await refusalOf(captureWith(logistics, tooMany))).toMatch(/INVALID_EVENT: too_large: epcisBody\.eventList: a capture may hold at most 100 events/);
  const longList = { ...small('LONG'), epcList: Array.from({ length: CAPTURE_LIMITS.maxListLength + 1 }, (_, i) => `https://id.gs1.org/01/04000000000006/21/L${i}`) };
  expect(await refusalOf(captureWith(logistics, epcisDocument(longList)))).toMatch(/INVALID_EVENT: .*too_large: epcisBody\.eventList\[0\]\.epcList: a list may have at most 1000 entries/);
  const huge = epcisDocument({ ...small('HUGE'), 'ex:note': 'x'.repeat(CAPTURE_LIMITS.maxDocumentBytes) });
  expect(await refusalOf(captureWith(logistics, huge))).toMatch(/INVALID_EVENT: transient 'epcis': a capture may have at most 1048576 bytes/);
  const { trace } = traceContracts(network(), 'Customs');
  for (const serial of ['MANY0', 'L0', 'HUGE']) {
    expect(await refusalOf(trace.evaluateTransaction('item', `https://id.gs1.org/01/04000000000006/21/${serial}`))).toMatch(/NOT_FOUND/);
  }
});

test("a trace of the largest events stops at the answer budget and says it was cut", async () => {
  const answer = await traceContracts(network(), 'Customs').trace.evaluateTransaction('item', ITEM);
  expect(answer.length).toBeLessThan(DEFAULT_CLIENT_LIMIT);
  const trace = json<{ events: unknown[]; truncated: boolean }>(answer);
  expect(trace.truncated).toBe(true);
  expect(trace.events.length).toBeGreaterThan(0);
  expect(trace.events.length).toBeLessThan(LARGE_EVENTS);
});

test('a page of the largest events stops at the answer budget; its bookmark leads on to the rest, none twice', async () => {
  const { trace } = traceContracts(network(), 'Platform');
  const seen: string[] = [];
  let bookmark = '';
  let pages = 0;
  do {
    const answer = await trace.evaluateTransaction('events', JSON.stringify({ matchEpc: ITEM, pageSize: 100, bookmark }));
    expect(answer.length).toBeLessThan(DEFAULT_CLIENT_LIMIT);
    const page = json<{ events: { id: string }[]; bookmark: string }>(answer);
    seen.push(...page.events.map((e) => e.id));
    bookmark = page.bookmark;
    pages += 1;
  } while (bookmark !== '');
  expect(pages).toBeGreaterThan(1);
  expect(seen).toHaveLength(LARGE_EVENTS);
  expect(new Set(seen).size).toBe(LARGE_EVENTS);
});
