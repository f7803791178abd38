import type { JobRecord, JobStore } from '../store/jobs';

/**
 * The job once it has ended, or as it stands after waitMs, or when the signal aborts (the caller went away): a
 * client that asked to wait for the outcome (Prefer: wait) is answered the moment its job ends instead of polling.
 */
export function jobEndedWithin(jobs: JobStore, jobId: string, waitMs: number, signal: AbortSignal): Promise<JobRecord | undefined> {
  const job = jobs.get(jobId);
  if (!job || job.state !== 'running' || waitMs <= 0 || signal.aborted) return Promise.resolve(job);
  return new Promise((resolve) => {
    const done = () => {
      stopListening();
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(jobs.get(jobId));
    };
    // Nothing async lies between reading the job and listening: an end in between cannot be missed.
    const stopListening = jobs.onEnded(jobId, done);
    const timer = setTimeout(done, waitMs).unref();
    signal.addEventListener('abort', done, { once: true });
  });
}
