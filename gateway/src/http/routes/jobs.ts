import { Router } from 'express';
import type { JobStore } from '../../store/jobs';
import { userOf } from '../auth';
import { Problem } from '../problem';
import { jobView } from '../writes';

/** Any write the caller made, followed by its id (a write that outlived its request answered 202 with it). */
export function jobRoutes(jobs: JobStore): Router {
  const router = Router();
  router.get('/jobs/:id', (req, res) => {
    const job = jobs.get(req.params.id);
    if (!job || job.user !== userOf(res.locals)) throw new Problem(404, 'NOT_FOUND', 'No such job');
    res.json(jobView(job));
  });
  return router;
}
