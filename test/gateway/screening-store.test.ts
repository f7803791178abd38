// The screening queue over a real store: a cause that comes while an attempt at the item runs (a recall, an error
// declaration) is not lost when that attempt ends, published or failed; the record's steps find the item again.
import { ScreeningStore } from '@crossborder-trace/gateway/dist/store/screening';
import { useFreshStore } from './fresh-store';

const EPC = 'https://id.gs1.org/01/09506000134352/21/Q1';
const db = useFreshStore();
let store: ScreeningStore;
beforeEach(() => {
  store = new ScreeningStore(db());
  store.enqueue(EPC, 'sale', 1_000);
});

test('an attempt with nothing queued meanwhile ends done', () => {
  store.attemptBegins(EPC);
  store.published(EPC, 1, 2_000);
  expect(store.item(EPC)).toMatchObject({ state: 'done', reason: 'sale', attempts: 1, version: 1 });
});

test('a recall queued while the attempt runs leaves the item pending and due when the attempt is published', () => {
  store.attemptBegins(EPC);
  store.enqueue(EPC, 'recall', 1_500);
  store.published(EPC, 1, 2_000);
  expect(store.item(EPC)).toMatchObject({ state: 'pending', reason: 'recall', attempts: 0, version: 1, nextAttemptAt: 2_000 });
  // The next attempt, with nothing new, ends done.
  store.attemptBegins(EPC);
  store.published(EPC, 2, 3_000);
  expect(store.item(EPC)).toMatchObject({ state: 'done', attempts: 1, version: 2 });
});

test('a cause queued while the attempt runs turns a give-up into a new start', () => {
  store.attemptBegins(EPC);
  store.enqueue(EPC, 'error-declaration', 1_500);
  store.attemptFailed(EPC, 'NOT_SOLD: not yet', undefined, 2_000);
  expect(store.item(EPC)).toMatchObject({ state: 'pending', reason: 'error-declaration', attempts: 0, nextAttemptAt: 2_000 });
  store.attemptBegins(EPC);
  store.attemptFailed(EPC, 'NOT_SOLD: not yet', undefined, 3_000);
  expect(store.item(EPC)).toMatchObject({ state: 'failed', attempts: 1 });
});

test('a cause queued before the attempt begins is read by it: the attempt ends done', () => {
  store.enqueue(EPC, 'recall', 1_500);
  store.attemptBegins(EPC);
  store.published(EPC, 1, 2_000);
  expect(store.item(EPC)).toMatchObject({ state: 'done', version: 1 });
});

test("the record's steps, as last derived, find the item", () => {
  store.setSteps(EPC, ['e1', 'e2']);
  expect(store.itemsWithStep('e1')).toEqual([EPC]);
  store.setSteps(EPC, ['e2', 'e3']);
  expect(store.itemsWithStep('e1')).toEqual([]);
  expect(store.itemsWithStep('e3')).toEqual([EPC]);
});
