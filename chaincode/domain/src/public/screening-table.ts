/**
 * What a consumer is shown of each CBV 2.0 business step of a sold item's journey (seed 000, 4.3: "the data
 * screening module chooses the valid product quality data related to the current transaction"). The one table
 * of screening: the platform's screening module builds public records with it and the public chaincode checks
 * them with it. A step not listed (a firm's own step URI, an event without a step) is not shown: the alliance
 * has no vocabulary to say what it means to a buyer.
 *
 * - `where`: `site` shows the business location (a GLN: the factory, the inspection site) with the
 *   enterprise's country; `country` only the country of the enterprise responsible. Warehouses, vehicles and
 *   routes are commercial detail, and a consumer learns what they need from who carried it and where from.
 * - `verdict`: the step's outcome (the disposition an inspection or sampling sets) is shown.
 *
 * Nothing of an event's private detail (orders, prices, buyers, sensor series, recipes) reaches a record; the
 * transport readings enter only as the cold-chain verdict.
 */
export interface StepScreening {
  readonly where: 'site' | 'country';
  readonly verdict: boolean;
  /** Why a consumer sees it. */
  readonly why: string;
}

export const SCREENED_STEPS: Readonly<Record<string, StepScreening>> = {
  commissioning: { where: 'site', verdict: false, why: 'where and by whom the item was made' },
  assembling: { where: 'site', verdict: false, why: 'where it was put together' },
  repairing: { where: 'site', verdict: false, why: 'a repair changes what the buyer holds' },
  inspecting: { where: 'site', verdict: true, why: 'a quality inspection and its verdict' },
  sampling: { where: 'site', verdict: true, why: 'a sample taken for testing and its verdict' },
  packing: { where: 'country', verdict: false, why: 'who packed it for the journey' },
  shipping: { where: 'country', verdict: false, why: 'who sent it, from which country' },
  departing: { where: 'country', verdict: false, why: 'the journey leaving a country' },
  transporting: { where: 'country', verdict: false, why: 'who carried it' },
  arriving: { where: 'country', verdict: false, why: 'the journey reaching a country' },
  holding: { where: 'country', verdict: false, why: 'customs held it for checks' },
  accepting: { where: 'country', verdict: false, why: 'customs (or the platform) accepted it' },
  receiving: { where: 'country', verdict: false, why: 'who took it over' },
  unpacking: { where: 'country', verdict: false, why: 'taken out of its transport packaging' },
  retail_selling: { where: 'country', verdict: false, why: 'the sale to the buyer' },
  decommissioning: { where: 'country', verdict: false, why: 'the item was taken out of use' },
  destroying: { where: 'country', verdict: false, why: 'the item was destroyed' },
};

/** Steps a consumer is not shown, and why: kept here so that leaving a step out is a decision, not an omission. */
export const HIDDEN_STEPS: Readonly<Record<string, string>> = {
  encoding: 'writing the identifier on a tag says nothing about the product',
  installing: 'a component fitted inside another: the outer item carries the story',
  disassembling: 'taken apart for parts: not the journey of what was sold',
  creating_class_instance: 'a class-level record, no step of this item',
  loading: 'warehouse and vehicle handling: commercial detail',
  unloading: 'warehouse and vehicle handling: commercial detail',
  staging_outbound: 'warehouse handling: commercial detail',
  storing: 'warehouse handling: commercial detail',
  cycle_counting: 'stock counting: commercial detail',
  stocking: 'shelf handling at the platform: commercial detail',
  picking: 'order picking: commercial detail',
  void_shipping: 'a cancelled shipment record',
  sensor_reporting: 'raw sensor series stay private; they count toward the cold-chain verdict',
  other: 'no CBV meaning a buyer could read',
};

export function screeningOf(step: string | undefined): StepScreening | undefined {
  return step === undefined ? undefined : SCREENED_STEPS[step];
}
