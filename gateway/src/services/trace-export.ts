import { objectsOf, type EventSummary, type ItemState } from '@crossborder-trace/domain';
import type { LedgerReads } from './ledger-reads';

/**
 * The columns of a trace export, one row per event per item: the key data elements a regulator sorts and filters
 * by (FSMA 204's "sortable spreadsheet"): which item (its GTIN, lot when its identifier carries one, serial),
 * what happened (event type, action, step, disposition, verdict), when (UTC and the recorder's offset), where
 * (read point, business location), who recorded it, and how the event reaches the item (itself, or the
 * container, ingredient or product it names). The private detail of each event (parties, transactions,
 * readings) stays behind GET /events/{id}/detail.
 */
export const TRACE_EXPORT_COLUMNS = [
  'item',
  'gtin',
  'lot',
  'serial',
  'product_name',
  'item_recalls',
  'event_id',
  'event_time_utc',
  'event_time_zone_offset',
  'event_type',
  'action',
  'biz_step',
  'disposition',
  'verdict',
  'read_point',
  'biz_location',
  'recorded_by',
  'recorder_name',
  'data_level',
  'via',
  'epc_list',
  'parent_id',
  'child_epcs',
  'input_epcs',
  'output_epcs',
  'quantity_classes',
  'error_declared_at',
] as const;

/** Rows one export holds at most (about 30 MB of CSV): past them it is cut, and says so. */
export const MAX_EXPORT_ROWS = 50_000;

type Row = Record<(typeof TRACE_EXPORT_COLUMNS)[number], string>;

interface Trace {
  readonly state: ItemState | null;
  readonly events: readonly EventSummary[];
  readonly items: readonly string[];
  readonly truncated: boolean;
}

/** The export: its CSV text, and whether a bound (items of the product, or one item's trace) cut it. */
export interface TraceExport {
  readonly csv: string;
  readonly items: number;
  readonly rows: number;
  readonly truncated: boolean;
}

/** The full trace of a product, a lot or serials, as RFC 4180 CSV with a header row. */
export class TraceExporter {
  constructor(private readonly reads: LedgerReads) {}

  async export(user: string, selector: { gtin: string; lot?: string; serials?: string[] }): Promise<TraceExport> {
    const { items, truncated: itemsCut } = await this.reads.itemsOf(user, selector);
    const names = await this.#enterpriseNames(user);
    const productName = await this.#productName(user, selector.gtin);
    let truncated = itemsCut;
    const rows: Row[] = [];
    for (const item of items) {
      const trace = (await this.reads.trace(user, item)) as Trace;
      truncated ||= trace.truncated;
      if (rows.length + trace.events.length > MAX_EXPORT_ROWS) {
        truncated = true;
        break;
      }
      for (const event of trace.events) rows.push(rowOf(item, trace, event, productName, names));
    }
    rows.sort((a, b) => compare(a.item, b.item) || compare(a.event_time_utc, b.event_time_utc) || compare(a.event_id, b.event_id));
    const lines = [TRACE_EXPORT_COLUMNS.join(','), ...rows.map((row) => TRACE_EXPORT_COLUMNS.map((column) => csvField(row[column])).join(','))];
    return { csv: lines.map((line) => `${line}\r\n`).join(''), items: items.length, rows: rows.length, truncated };
  }

  async #enterpriseNames(user: string): Promise<Map<string, string>> {
    const enterprises = (await this.reads.enterprises(user)) as { mspId: string; name: string }[];
    return new Map(enterprises.map((e) => [e.mspId, e.name]));
  }

  async #productName(user: string, gtin: string): Promise<string> {
    try {
      return ((await this.reads.product(user, gtin)) as { name: string }).name;
    } catch {
      // A product not registered still has a trace; its name is left empty.
      return '';
    }
  }
}

function rowOf(item: string, trace: Trace, event: EventSummary, productName: string, names: ReadonlyMap<string, string>): Row {
  const objects = objectsOf(event);
  const related = new Set(trace.items);
  const via = objects.includes(item) || event.what.parentID === item ? item : objects.filter((epc) => related.has(epc)).join(' ');
  const { gtin, lot, serial } = keyOf(item);
  const list = (values: readonly string[] | undefined) => (values ?? []).join(' ');
  return {
    item,
    gtin,
    lot,
    serial,
    product_name: productName,
    item_recalls: list(trace.state?.recalls),
    event_id: event.id,
    event_time_utc: event.eventTimeUtc,
    event_time_zone_offset: event.eventTimeZoneOffset,
    event_type: event.type,
    action: event.action ?? '',
    biz_step: event.bizStep ?? '',
    disposition: event.disposition ?? '',
    verdict: event.verdict ?? '',
    read_point: event.readPoint ?? '',
    biz_location: event.bizLocation ?? '',
    recorded_by: event.recordedBy,
    recorder_name: names.get(event.recordedBy) ?? '',
    data_level: event.level,
    via,
    epc_list: list(event.what.epcList),
    parent_id: event.what.parentID ?? '',
    child_epcs: list(event.what.childEPCs),
    input_epcs: list(event.what.inputEPCList),
    output_epcs: list(event.what.outputEPCList),
    quantity_classes: list(event.what.epcClasses),
    error_declared_at: event.errorDeclaration?.declarationTime ?? '',
  };
}

/** GTIN, lot and serial of a canonical Digital Link (https://id.gs1.org/01/<gtin>[/10/<lot>][/21/<serial>]). */
function keyOf(item: string): { gtin: string; lot: string; serial: string } {
  const match = /^https:\/\/id\.gs1\.org\/01\/(\d{14})(?:\/22\/[^/]+)?(?:\/10\/([^/]+))?(?:\/21\/([^/]+))?$/.exec(item);
  const decode = (value: string | undefined) => (value === undefined ? '' : decodeURIComponent(value));
  return match ? { gtin: match[1], lot: decode(match[2]), serial: decode(match[3]) } : { gtin: '', lot: '', serial: '' };
}

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, its double quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
