import { MAX_PAGE_SIZE, MAX_QUERY_VALUES, type EventQueryInput } from '@crossborder-trace/domain';
import { Problem } from './problem';

/** SimpleEventQuery parameters the gateway answers, and the chaincode query member each becomes. */
export const QUERY_PARAMETERS = {
  eventType: 'eventType',
  GE_eventTime: 'fromTime',
  LT_eventTime: 'toTime',
  EQ_bizStep: 'bizStep',
  EQ_disposition: 'disposition',
  EQ_bizLocation: 'bizLocation',
  MATCH_epc: 'matchEpc',
  MATCH_anyEPC: 'matchAnyEpc',
} as const satisfies Record<string, keyof EventQueryInput>;

/** Parameters that take one value; the others take a pipe-separated list, any of which matches. */
const SINGLE = new Set(['GE_eventTime', 'LT_eventTime']);
export const DEFAULT_PER_PAGE = 30;

const refuse = (detail: string) => new Problem(400, 'QUERY_PARAMETER', 'A query parameter is not valid', detail);

/** The URL's query as the chaincode's event query; an unknown, repeated or malformed parameter is refused. */
export function eventQueryOf(params: Record<string, unknown>): EventQueryInput {
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') throw refuse(`${name} is given more than once`);
    if (name === 'perPage') query.pageSize = perPage(value);
    else if (name === 'nextPageToken') query.bookmark = value;
    else if (name in QUERY_PARAMETERS) {
      const member = QUERY_PARAMETERS[name as keyof typeof QUERY_PARAMETERS];
      if (SINGLE.has(name)) query[member] = value;
      else {
        const values = value.split('|');
        if (values.some((v) => v === '')) throw refuse(`${name} has an empty value`);
        if (values.length > MAX_QUERY_VALUES) throw refuse(`${name} lists more than ${MAX_QUERY_VALUES} values`);
        query[member] = values;
      }
    } else throw refuse(`${name} is not a query parameter this service answers (${[...Object.keys(QUERY_PARAMETERS), 'perPage', 'nextPageToken'].join(', ')})`);
  }
  if (query.pageSize === undefined) query.pageSize = DEFAULT_PER_PAGE;
  return query as EventQueryInput;
}

/** perPage: a whole number from 1 to MAX_PAGE_SIZE, written plainly. */
export function perPage(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PAGE_SIZE) throw refuse(`perPage must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}
