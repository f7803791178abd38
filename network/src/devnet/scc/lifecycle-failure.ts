/** A _lifecycle function's failure; Fabric answers an undefined namespace with status 404, anything else with 500. */
export class LifecycleFailure extends Error {
  constructor(
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}
