import type { Api } from './api.js';
import { h, showError } from './dom.js';

interface Figures {
  readonly since: string;
  readonly enterprises: readonly { readonly mspId: string; readonly inspection: Rate; readonly customs: Rate }[];
  readonly alertsByDay: readonly { readonly day: string; readonly responsible: string; readonly count: number }[];
}

interface Rate {
  readonly passed: number;
  readonly failed: number;
}

/** Chart.js, loaded from the gateway as its UMD bundle (a global): only the little the desk uses is declared. */
interface ChartInstance {
  destroy(): void;
}
declare const Chart: new (canvas: HTMLCanvasElement, config: unknown) => ChartInstance;

const percent = (rate: Rate) => (rate.passed + rate.failed === 0 ? null : Math.round((100 * rate.passed) / (rate.passed + rate.failed)));

/** Per-enterprise quality figures: inspection and customs pass rates, and alerts per day, as charts. */
export function figuresPanel(api: Api, root: HTMLElement): () => Promise<void> {
  const rates = h('canvas', { id: 'chart-rates', role: 'img', 'aria-label': 'pass rates per enterprise' });
  const alerts = h('canvas', { id: 'chart-alerts', role: 'img', 'aria-label': 'alerts per day' });
  const table = h('tbody', { id: 'figures' });
  const message = h('div', {});
  root.replaceChildren(
    h('h2', {}, 'Quality figures (30 days)'),
    h('div', { class: 'charts' }, h('div', {}, rates), h('div', {}, alerts)),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Enterprise'), h('th', {}, 'Inspections passed'), h('th', {}, 'Customs passed'))), table),
    message,
  );
  let charts: ChartInstance[] = [];
  return async () => {
    try {
      const figures = await api.get<Figures>('/figures?days=30');
      table.replaceChildren(
        ...figures.enterprises.map((e) =>
          h('tr', { 'data-msp': e.mspId }, h('td', {}, e.mspId), h('td', {}, rateText(e.inspection)), h('td', {}, rateText(e.customs))),
        ),
      );
      for (const chart of charts) chart.destroy();
      charts = [rateChart(rates, figures), alertChart(alerts, figures)];
    } catch (err) {
      showError(message, err);
    }
  };
}

function rateText(rate: Rate): string {
  const p = percent(rate);
  return p === null ? '—' : `${p}% (${rate.passed} of ${rate.passed + rate.failed})`;
}

function rateChart(canvas: HTMLCanvasElement, figures: Figures): ChartInstance {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: figures.enterprises.map((e) => e.mspId),
      datasets: [
        { label: 'inspection pass rate %', data: figures.enterprises.map((e) => percent(e.inspection)) },
        { label: 'customs pass rate %', data: figures.enterprises.map((e) => percent(e.customs)) },
      ],
    },
    options: { animation: false, scales: { y: { min: 0, max: 100 } } },
  });
}

function alertChart(canvas: HTMLCanvasElement, figures: Figures): ChartInstance {
  const days = [...new Set(figures.alertsByDay.map((row) => row.day))].sort();
  const firms = [...new Set(figures.alertsByDay.map((row) => row.responsible))].sort();
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: days,
      datasets: firms.map((firm) => ({ label: firm, data: days.map((day) => figures.alertsByDay.find((r) => r.day === day && r.responsible === firm)?.count ?? 0) })),
    },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
