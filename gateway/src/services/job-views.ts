import type { JobRecord, SkippedEvent, UnitError } from '../store/jobs';

/** One problem of a job, with the chaincode's (or the commit's) code; under proceed, which event it was. */
export interface JobError {
  readonly code: string;
  readonly detail: string;
  readonly eventIndex?: number;
}

/** The EPCIS 2.0 capture job (GS1 REST binding's EPCISCaptureJob), with the alliance ids of what it recorded. */
export interface CaptureJobView {
  readonly captureID: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly running: boolean;
  readonly success: boolean;
  readonly captureErrorBehaviour: 'rollback' | 'proceed';
  readonly errors: readonly JobError[];
  /** The alliance ids of the recorded events, in document order. */
  readonly eventIDs: readonly string[];
}

/**
 * The job as GS1's binding shows it. Under proceed, `skipped` (events refused before submission) and the units
 * (one per submitted event) are merged back into document order for their indexes.
 */
export function captureJobView(job: JobRecord): CaptureJobView {
  const { skipped } = job;
  const submittedIndexes = documentIndexes(job.units.length, skipped);
  const errors: JobError[] = [
    ...skipped.map((s) => ({ code: 'INVALID_EVENT', detail: s.issues.map((i) => `${i.code}: ${i.message}`).join('; '), eventIndex: s.eventIndex })),
    ...job.units.flatMap((unit) => (unit.error ? [errorOf(unit.error, job.behaviour === 'proceed' ? submittedIndexes[unit.index] : undefined)] : [])),
  ].sort((a, b) => (a.eventIndex ?? -1) - (b.eventIndex ?? -1));
  return {
    captureID: job.id,
    createdAt: job.createdAt,
    ...(job.finishedAt !== undefined && { finishedAt: job.finishedAt }),
    running: job.state === 'running',
    success: job.state === 'success' && skipped.length === 0,
    captureErrorBehaviour: job.behaviour,
    errors,
    eventIDs: job.units.flatMap((unit) => (unit.state === 'committed' && unit.result ? (JSON.parse(unit.result) as { ids: string[] }).ids : [])),
  };
}

/** The document index of each submitted event: the indexes that were not skipped, in order. */
function documentIndexes(submitted: number, skipped: readonly SkippedEvent[]): number[] {
  const indexes: number[] = [];
  for (let index = 0; indexes.length < submitted; index++) if (!skipped.some((s) => s.eventIndex === index)) indexes.push(index);
  return indexes;
}

function errorOf(error: UnitError, eventIndex: number | undefined): JobError {
  return { code: error.code, detail: error.detail, ...(eventIndex !== undefined && { eventIndex }) };
}
