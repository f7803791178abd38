import type { Complaint } from '../public/complaint';
import { complaintPromise, conformancePromises, declarationPromise, deliveryPromise, sanctionsOf } from './promise-facts';
import type { CreditPromise } from './promises';
import { CREDIT_MODEL, creditScore } from './score';

const FIRM = 'ManufacturerMSP';
const inspection = (id: string, verdict: string, time: string) => conformancePromises({ eventId: id, txId: `tx-${id}`, bizStep: 'inspecting', verdict, eventTimeUtc: time, brandOwners: [FIRM] });
const score = (promises: CreditPromise[], asOf = '2026-12-15T00:00:00.000Z', excluded?: Set<string>) => creditScore({ enterprise: FIRM, asOf, promises, sanctions: [], excluded });

test('no settled promise: no score; every kept promise: the maximum', () => {
  expect(score([]).points).toBeNull();
  const all = score([...inspection('e1', 'conformant', '2026-12-01T00:00:00.000Z'), ...inspection('e2', 'conformant', '2026-11-01T00:00:00.000Z')]);
  expect(all.points).toBe(CREDIT_MODEL.maxPoints);
  expect(all.components.find((c) => c.kind === 'conformance')).toMatchObject({ kept: 2, broken: 0, weightedShare: 1, effectiveWeight: 1, points: 1000 });
});

test('the score moves as promises are kept and broken, a broken one weighing less the older it is', () => {
  const kept = inspection('k', 'conformant', '2026-12-02T00:00:00.000Z');
  const brokenNow = score([...kept, ...inspection('b', 'non_conformant', '2026-12-03T00:00:00.000Z')]);
  expect(brokenNow.points).toBe(500);
  const brokenLastYear = score([...kept, ...inspection('b', 'non_conformant', '2025-12-03T00:00:00.000Z')]);
  // (1.1)^-12 = 0.3186: 1 / (1 + 0.3186) of the points
  expect(brokenLastYear.points).toBe(Math.round(1000 / (1 + 1.1 ** -12)));
  const keptAgain = score([...kept, ...inspection('b', 'non_conformant', '2026-12-03T00:00:00.000Z'), ...inspection('k2', 'conformant', '2026-12-04T00:00:00.000Z')]);
  expect(keptAgain.points).toBe(667);
  const beyondHorizon = score([...kept, ...inspection('old', 'non_conformant', '2024-12-01T00:00:00.000Z')]);
  expect(beyondHorizon.points).toBe(1000);
});

test('kinds with promises share the points by their weights; an upheld dispute leaves its item out', () => {
  const complaint: Complaint = {
    id: 'c1', epc: 'x', eventId: 'e', step: 'inspecting', category: 'quality', description: 'd', responsible: FIRM, regulator: 'RegulatorMSP', filedBy: 'PlatformMSP',
    filedAt: '2026-11-01T00:00:00.000Z', answerDue: '2026-11-15T00:00:00.000Z', status: 'open',
  };
  const late = complaintPromise({ complaint, txIds: ['t1'] }, '2026-12-15T00:00:00.000Z')!;
  const promises = [...inspection('k', 'conformant', '2026-12-02T00:00:00.000Z'), late];
  const both = score(promises);
  // conformance 0.35 and complaintAnswer 0.2 present: 1000 * 0.35 / 0.55
  expect(both.points).toBe(Math.round((1000 * 0.35) / 0.55));
  expect(both.components.find((c) => c.kind === 'complaintAnswer')).toMatchObject({ broken: 1, weightedShare: 0, points: 0 });
  const disputed = score(promises, undefined, new Set(['c1']));
  expect(disputed.points).toBe(1000);
  expect(disputed.excluded).toEqual(['c1']);
});

test('a complaint: answered in time kept, late broken, unanswered broken once due and pending before, ruled early no promise', () => {
  const filed = { id: 'c', epc: 'x', eventId: 'e', step: 's', category: 'quality', description: 'd', responsible: FIRM, regulator: 'R', filedBy: 'P', filedAt: '2026-11-01T00:00:00.000Z', answerDue: '2026-11-15T00:00:00.000Z' } as const;
  const answer = (at: string) => ({ text: 'a', by: FIRM, at, txId: 'ta' });
  expect(complaintPromise({ complaint: { ...filed, status: 'answered', answer: answer('2026-11-10T00:00:00.000Z') }, txIds: [] }, '2026-12-01T00:00:00.000Z')?.outcome).toBe('kept');
  expect(complaintPromise({ complaint: { ...filed, status: 'answered', answer: answer('2026-11-20T00:00:00.000Z') }, txIds: [] }, '2026-12-01T00:00:00.000Z')?.outcome).toBe('broken');
  expect(complaintPromise({ complaint: { ...filed, status: 'open' }, txIds: [] }, '2026-11-14T00:00:00.000Z')?.outcome).toBe('pending');
  expect(complaintPromise({ complaint: { ...filed, status: 'open' }, txIds: [] }, '2026-11-16T00:00:00.000Z')).toMatchObject({ outcome: 'broken', settledAt: filed.answerDue });
  const ruling = { decision: 'upheld', reason: 'r', by: 'R', at: '2026-11-05T00:00:00.000Z', txId: 'tr' } as const;
  expect(complaintPromise({ complaint: { ...filed, status: 'upheld', ruling }, txIds: [] }, '2026-12-01T00:00:00.000Z')).toBeUndefined();
});

test("a delivery: kept by another member's arrival naming the SSCC in time, broken late or by none once due", () => {
  const waybill = { waybillNumber: 'WB1', sscc: '106141411234567897', carrier: 'LogisticsMSP', promisedDeliveryBy: '2026-11-10T12:00:00Z', txId: 'tw' };
  const arrival = (time: string, recordedBy = 'PlatformMSP') => ({ eventId: `a-${time}`, txId: 'ta', bizStep: 'receiving', eventTimeUtc: time, recordedBy, objects: ['https://id.gs1.org/00/106141411234567897'] });
  expect(deliveryPromise(waybill, [arrival('2026-11-10T11:00:00.000Z')], '2026-12-01T00:00:00.000Z')).toMatchObject({ outcome: 'kept', promisor: 'LogisticsMSP', evidence: { eventIds: ['a-2026-11-10T11:00:00.000Z'] } });
  expect(deliveryPromise(waybill, [arrival('2026-11-11T11:00:00.000Z')], '2026-12-01T00:00:00.000Z').outcome).toBe('broken');
  expect(deliveryPromise(waybill, [arrival('2026-11-10T11:00:00.000Z', 'LogisticsMSP')], '2026-12-01T00:00:00.000Z').outcome).toBe('broken');
  expect(deliveryPromise(waybill, [], '2026-11-09T00:00:00.000Z').outcome).toBe('pending');
});

test('a declaration: matched or cleared kept, mismatched broken; a suspension is a discounted penalty', () => {
  expect(declarationPromise({ declarationId: 'd1', declarant: 'PlatformMSP', verdict: 'matched', verdictAt: '2026-12-01T00:00:00.000Z', txIds: ['t'] })?.outcome).toBe('kept');
  expect(declarationPromise({ declarationId: 'd2', declarant: 'PlatformMSP', verdict: 'mismatched', verdictAt: '2026-12-01T00:00:00.000Z', txIds: ['t'] })?.outcome).toBe('broken');
  const enterprise = { mspId: FIRM, name: 'M', country: 'DE', roles: ['manufacturer'] as const, status: 'active' as const };
  const sanctions = sanctionsOf([
    { enterprise, txId: 'reg', committedAt: '2026-01-01T00:00:00.000Z' },
    { enterprise: { ...enterprise, status: 'suspended', statusReason: 'no records', statusChangedAt: '2026-12-01T00:00:00.000Z' }, txId: 'sus', committedAt: '2026-12-01T00:00:00.000Z' },
    { enterprise: { ...enterprise, status: 'suspended' }, txId: 'again', committedAt: '2026-12-02T00:00:00.000Z' },
  ]);
  expect(sanctions.map((s) => s.id)).toEqual(['sus']);
  const result = creditScore({ enterprise: FIRM, asOf: '2026-12-15T00:00:00.000Z', promises: inspection('k', 'conformant', '2026-12-02T00:00:00.000Z'), sanctions });
  expect(result.points).toBe(1000 - CREDIT_MODEL.suspensionPoints);
  expect(result.sanctions).toMatchObject({ count: 1, penalty: 150 });
});
