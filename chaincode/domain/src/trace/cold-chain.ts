import type { ProductLimits } from './product';

/** One reading of an EPCIS 2.0 sensor report, as far as the cold chain needs it. */
interface SensorReport {
  readonly type?: string;
  readonly value?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly uom?: string;
}

/** A temperature report type in any CBV spelling (gs1:Temperature, the web vocabulary URI, a bare word). */
const TEMPERATURE_TYPE = /(^|[:/#-])Temperature$/;

/** Degrees Celsius from a UN/CEFACT unit the CBV uses for temperature; undefined for any other unit. */
function celsius(value: number, uom: string | undefined): number | undefined {
  if (uom === undefined || uom === 'CEL') return value;
  if (uom === 'FAH') return ((value - 32) * 5) / 9;
  if (uom === 'KEL') return value - 273.15;
  return undefined;
}

/**
 * Every temperature an event's detail reports, in degrees Celsius: values and the minima and maxima of
 * summarised series. Readings in units that are not temperatures are left out rather than guessed at.
 */
export function temperatureReadings(detail: { readonly sensorElementList?: unknown } | undefined): number[] {
  const elements = Array.isArray(detail?.sensorElementList) ? (detail.sensorElementList as readonly { sensorReport?: unknown }[]) : [];
  return elements
    .flatMap((element) => (Array.isArray(element?.sensorReport) ? (element.sensorReport as readonly SensorReport[]) : []))
    .filter((report) => typeof report?.type === 'string' && TEMPERATURE_TYPE.test(report.type))
    .flatMap((report) => [report.value, report.minValue, report.maxValue].filter((v): v is number => typeof v === 'number').map((v) => celsius(v, report.uom)))
    .filter((v): v is number => v !== undefined);
}

/** The readings outside a product's registered storage temperature (none when it registered no range). */
export function readingsOutsideLimits(readings: readonly number[], limits: ProductLimits): number[] {
  const range = limits.storageTemperature;
  return range ? readings.filter((t) => t < range.min || t > range.max) : [];
}
