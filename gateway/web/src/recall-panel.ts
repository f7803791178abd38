import type { Api } from './api.js';
import { h, showError, when } from './dom.js';

interface Recall {
  readonly id: string;
  readonly gtin: string;
  readonly lot?: string;
  readonly serials?: readonly string[];
  readonly reason: string;
  readonly severity: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly itemCount: number;
}

/** Issue a recall (by GTIN, GTIN and lot, or serials, with reason and severity) and see those issued. */
export function recallPanel(api: Api, root: HTMLElement): void {
  const gtin = h('input', { id: 'recall-gtin', placeholder: 'GTIN', required: '', 'aria-label': 'GTIN' });
  const lot = h('input', { id: 'recall-lot', placeholder: 'lot (optional)', 'aria-label': 'lot' });
  const serials = h('input', { id: 'recall-serials', placeholder: 'serials, comma-separated (optional)', 'aria-label': 'serials' });
  const reason = h('input', { id: 'recall-reason', placeholder: 'reason', required: '', 'aria-label': 'reason' });
  const severity = h('select', { id: 'recall-severity', 'aria-label': 'severity' }, h('option', { value: 'class_i' }, 'class I'), h('option', { value: 'class_ii' }, 'class II'), h('option', { value: 'class_iii' }, 'class III'));
  const list = h('ul', { id: 'recalls' });
  const message = h('div', {});
  const form = h('form', { class: 'row' }, gtin, lot, serials, reason, severity, h('button', { type: 'submit' }, 'Recall'));
  const reload = async () => {
    try {
      const { recalls } = await api.get<{ recalls: Recall[] }>('/recalls');
      list.replaceChildren(...recalls.map((r) => h('li', { 'data-recall': r.id }, h('strong', {}, `${r.gtin}${r.lot ? ` lot ${r.lot}` : ''}${r.serials ? ` serials ${r.serials.join(', ')}` : ''}`), ` ${r.severity.replace('_', ' ')}: ${r.reason}`, h('span', { class: 'muted' }, ` — ${r.itemCount} items, by ${r.issuedBy}, ${when(r.issuedAt)}`))));
    } catch (err) {
      showError(message, err);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      gtin: gtin.value.trim(),
      ...(lot.value.trim() && { lot: lot.value.trim() }),
      ...(serials.value.trim() && { serials: serials.value.split(',').map((s) => s.trim()).filter(Boolean) }),
      reason: reason.value.trim(),
      severity: severity.value,
    };
    message.replaceChildren();
    api.post('/recalls', body).then(reload, (err: unknown) => showError(message, err));
  });
  root.replaceChildren(h('h2', {}, 'Recall'), form, list, message);
  void reload();
}
