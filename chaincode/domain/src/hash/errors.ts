/** An event cannot be put into the CBV 2.0 canonical form (missing type, unreadable timestamp, ...). */
export class EventHashError extends Error {
  override readonly name = 'EventHashError';
}
