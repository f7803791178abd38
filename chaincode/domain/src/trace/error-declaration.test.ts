import { assertMayDeclareError } from './error-declaration';
import type { EventSummary } from './event-summary';

const original: EventSummary = { id: 'e1', type: 'ObjectEvent', eventTime: 't', eventTimeZoneOffset: '+00:00', eventTimeUtc: 't', what: {}, recordedBy: 'CustomsMSP', level: 'customsQc' };

test('only the recorder declares its event erroneous, and only once', () => {
  expect(() => assertMayDeclareError(original, undefined, 'CustomsMSP')).not.toThrow();
  expect(() => assertMayDeclareError(original, undefined, 'LogisticsMSP')).toThrow('ROLE_NOT_AUTHORISED: event e1 was recorded by CustomsMSP; only it may declare the event erroneous');
  expect(() => assertMayDeclareError(original, { eventId: 'e1', declarationTime: '2026-01-01T00:00:00Z', declaredBy: 'CustomsMSP' }, 'CustomsMSP')).toThrow(
    'DUPLICATE_EVENT: event e1 was already declared erroneous at 2026-01-01T00:00:00Z',
  );
});
