// Prefer: wait (RFC 7240) on a job's route: how the header is read, and the wait for a job's end over a real job
// store: answered when the job ends, when the wait is over, or when the caller has gone, never listening on after.
import { MAX_PREFER_WAIT_SECONDS, preferredWaitSeconds } from '@crossborder-trace/gateway/dist/http/prefer';
import { jobEndedWithin } from '@crossborder-trace/gateway/dist/services/job-wait';
import { JobStore } from '@crossborder-trace/gateway/dist/store/jobs';
import { useFreshStore } from './fresh-store';

describe('preferredWaitSeconds', () => {
  test.each([
    ['wait=5', 5],
    ['WAIT=5', 5],
    ['respond-async, wait=12', 12],
    ['wait = 7', 7],
    ['wait="9"', 9],
    ['wait=0', 0],
    ['handling=lenient; x="a,b", wait=3', 3],
    // Only the first instance counts, even when it cannot be read.
    ['wait=4, wait=20', 4],
    ['wait=soon, wait=20', undefined],
    ['wait=-1', undefined],
    ['wait=1.5', undefined],
    ['wait', undefined],
    ['wait=', undefined],
    ['respond-async', undefined],
    ['waiting=5', undefined],
    ['x="wait=5"', undefined],
    ['', undefined],
  ])('%j -> %p', (header, seconds) => {
    expect(preferredWaitSeconds(header)).toBe(seconds);
  });

  test('no header states no wait; a longer wait than the service grants is cut to its longest', () => {
    expect(preferredWaitSeconds(undefined)).toBeUndefined();
    expect(preferredWaitSeconds(`wait=${MAX_PREFER_WAIT_SECONDS + 1}`)).toBe(MAX_PREFER_WAIT_SECONDS);
    expect(preferredWaitSeconds('wait=99999999999999999999999')).toBe(MAX_PREFER_WAIT_SECONDS);
  });
});

describe('jobEndedWithin', () => {
  const store = useFreshStore();
  let jobs: JobStore;
  beforeEach(() => {
    jobs = new JobStore(store());
  });
  const newJob = () => jobs.create({ user: 'User1', kind: 'capture', behaviour: 'rollback', calls: [{ contract: 'event', transaction: 'capture' }] });
  const never = new AbortController().signal;

  test('a job that ends while it is waited for is answered ended, as the store has it', async () => {
    const id = newJob();
    const waited = jobEndedWithin(jobs, id, 30_000, never);
    jobs.finish(id, 'success');
    expect(await waited).toMatchObject({ id, state: 'success' });
  });

  test('a withdrawn job ends the wait too', async () => {
    const id = newJob();
    const waited = jobEndedWithin(jobs, id, 30_000, never);
    jobs.withdraw(id, { code: 'LEDGER_UNAVAILABLE', detail: 'away' });
    expect(await waited).toMatchObject({ id, state: 'failed' });
  });

  test('when the wait is over the job is answered as it stands, still running', async () => {
    const id = newJob();
    expect(await jobEndedWithin(jobs, id, 20, never)).toMatchObject({ id, state: 'running' });
  });

  test('a caller gone ends the wait at once, and nothing listens for the job any more', async () => {
    const id = newJob();
    const gone = new AbortController();
    const waited = jobEndedWithin(jobs, id, 30_000, gone.signal);
    gone.abort();
    expect(await waited).toMatchObject({ id, state: 'running' });
    let heard = 0;
    jobs.onEnded(id, () => heard++);
    jobs.finish(id, 'success');
    // Only the listener added after: the wait's own was removed when it ended.
    expect(heard).toBe(1);
  });

  test('an ended job, an unknown one and a wait of 0 are answered without waiting', async () => {
    const id = newJob();
    jobs.finish(id, 'failed');
    expect(await jobEndedWithin(jobs, id, 30_000, never)).toMatchObject({ state: 'failed' });
    expect(await jobEndedWithin(jobs, 'no-such-job', 30_000, never)).toBeUndefined();
    const running = newJob();
    expect(await jobEndedWithin(jobs, running, 0, never)).toMatchObject({ state: 'running' });
  });
});
