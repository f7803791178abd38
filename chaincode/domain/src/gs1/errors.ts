/** A string claims to be a GS1 identifier (EPC URN or Digital Link) but breaks the GS1 rules. */
export class IdentifierError extends Error {
  override readonly name = 'IdentifierError';

  constructor(
    readonly identifier: string,
    problem: string,
  ) {
    super(`${problem}: ${identifier}`);
  }
}
