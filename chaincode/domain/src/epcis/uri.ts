/**
 * An absolute URI in the RFC 3986 sense: a scheme, a colon, then no whitespace. Compact IRIs such as
 * `example:myStep` pass too, since JSON-LD expands them through the document's context.
 */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]+$/;

export function isAbsoluteUri(value: string): boolean {
  return ABSOLUTE_URI.test(value);
}

/** A member name that names its namespace (`example:myField`, or a full IRI): a user extension. */
export function isNamespacedKey(key: string): boolean {
  return /^[A-Za-z_][\w.+-]*:./.test(key);
}
