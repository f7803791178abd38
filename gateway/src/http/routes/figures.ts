import { Router } from 'express';
import { DEFAULT_FIGURE_DAYS, MAX_FIGURE_DAYS, type FigureService } from '../../services/figures';
import { Problem } from '../problem';

/** The desk's quality figures: GET /figures?days=30. */
export function figureRoutes(figures: FigureService): Router {
  const router = Router();
  router.get('/figures', (req, res) => {
    const days = req.query.days ?? String(DEFAULT_FIGURE_DAYS);
    if (typeof days !== 'string' || !/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > MAX_FIGURE_DAYS) {
      throw new Problem(400, 'QUERY_PARAMETER', 'days is not valid', `days is a whole number from 1 to ${MAX_FIGURE_DAYS}`);
    }
    res.json(figures.figuresFor(Number(days)));
  });
  return router;
}
