import type { Api } from './api.js';
import { h, showError, when } from './dom.js';

interface Summary {
  readonly id: string;
  readonly type: string;
  readonly eventTime: string;
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly bizLocation?: string;
  readonly readPoint?: string;
  readonly recordedBy: string;
  readonly verdict?: string;
}

interface Trace {
  readonly epc: string;
  readonly state: { readonly custodian: string; readonly disposition?: string; readonly lastBizStep?: string } | null;
  readonly events: readonly Summary[];
  readonly items: readonly string[];
  readonly truncated: boolean;
}

/** An item's trace on a timeline: each step, when, where, by which enterprise, and the verdicts. */
export function tracePanel(api: Api, root: HTMLElement): void {
  const input = h('input', { id: 'trace-item', type: 'text', placeholder: 'EPC URN or Digital Link', 'aria-label': 'item identifier', required: '' });
  const result = h('div', { id: 'trace-result' });
  const form = h('form', { class: 'row' }, input, h('button', { type: 'submit' }, 'Trace'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(api, input.value.trim(), result);
  });
  root.replaceChildren(h('h2', {}, 'Trace an item'), form, result);
}

async function show(api: Api, item: string, result: HTMLElement): Promise<void> {
  result.replaceChildren(h('p', { class: 'muted' }, 'loading…'));
  try {
    const trace = await api.get<Trace>(`/items/${encodeURIComponent(item)}/trace`);
    const state = trace.state ? `held by ${trace.state.custodian}${trace.state.disposition ? `, ${trace.state.disposition}` : ''}` : 'no state';
    result.replaceChildren(
      h('p', {}, h('strong', {}, trace.epc), ` — ${state}; ${trace.items.length} related items${trace.truncated ? ' (cut at the answer bound)' : ''}`),
      h(
        'ol',
        { class: 'timeline' },
        ...trace.events.map((e) =>
          h(
            'li',
            { class: e.verdict && e.verdict !== 'conformant' ? 'bad' : '' },
            h('time', { datetime: e.eventTime }, when(e.eventTime)),
            h('span', { class: 'step' }, e.bizStep ?? e.type),
            h('span', { class: 'who' }, e.recordedBy),
            e.bizLocation ? h('span', { class: 'where' }, e.bizLocation) : null,
            e.verdict ? h('span', { class: 'verdict' }, e.verdict) : null,
          ),
        ),
      ),
    );
  } catch (err) {
    showError(result, err);
  }
}
