/**
 * xsd:dateTime with a mandatory zone (EPCIS 2.0 times are xsd:dateTimeStamp), checked as a calendar would:
 * the shape alone lets 2024-02-30 through. Years have four digits, the range every reader of stored events
 * (Date.parse, the event hash's UTC form) handles alike.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const OFFSET = /^[+-](\d{2}):(\d{2})$/;

/** Why `value` is not an xsd:dateTime with zone, or undefined when it is one. */
export function dateTimeProblem(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (match === null) return `'${value}' is not a date-time with a zone (like 2024-05-01T08:30:00.000+08:00)`;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '', zone = ''] = match;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return `'${value}' has no month ${month}`;
  if (Number(day) < 1 || Number(day) > daysIn(Number(year), monthNumber)) return `'${value}' has no day ${day} in its month`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return `'${value}' is not a time of day`;
  return zone === 'Z' ? undefined : offsetProblem(zone);
}

/** Why `value` is not a time zone offset ±hh:mm within ±14:00, or undefined when it is one. */
export function offsetProblem(value: string): string | undefined {
  const match = OFFSET.exec(value);
  if (match === null) return `'${value}' is not a time zone offset of the form ±hh:mm`;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 14 * 60) return `'${value}' is beyond the ±14:00 range of time zone offsets`;
  return undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
