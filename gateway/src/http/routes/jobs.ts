import { Router } from 'express';
import { jobEndedWithin } from '../../services/job-wait';
import type { JobStore } from '../../store/jobs';
import { userOf } from '../auth';
import { applyPreferredWait, requestGone } from '../prefer';
import { Problem } from '../problem';
import { jobView } from '../writes';

/** Any write the caller made, followed by its id (a write that outlived its request answered 202 with it). */
export function jobRoutes(jobs: JobStore): Router {
  const router = Router();
  /** With Prefer: wait=N, held until the job has ended or N seconds have passed. */
  router.get('/jobs/:id', async (req, res) => {
    const job = jobs.get(req.params.id);
    if (!job || job.user !== userOf(res.locals)) throw new Problem(404, 'NOT_FOUND', 'No such job');
    res.json(jobView((await jobEndedWithin(jobs, job.id, applyPreferredWait(req, res), requestGone(res))) ?? job));
  });
  return router;
}
