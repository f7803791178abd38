/** A policy string that is not valid Fabric policy syntax; position is the 0-based offset of the problem. */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';

  constructor(
    readonly reason: string,
    readonly policy: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position + 1} of policy "${policy}"`);
  }
}

/** A policy or channel config that cannot be compiled (as Fabric's policy providers refuse them). */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}
