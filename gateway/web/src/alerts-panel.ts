import type { Api } from './api.js';
import { h, showError, when } from './dom.js';

interface Alert {
  readonly seq: number;
  readonly id: string;
  readonly rule: string;
  readonly responsible: string;
  readonly summary: string;
  readonly raisedAt: string;
  readonly evidence: { readonly eventIds: readonly string[]; readonly txIds: readonly string[] };
  readonly acknowledgement?: { readonly user: string; readonly note: string; readonly at: string };
}

/**
 * Alerts as they are raised: the ones so far, then each new one from the stream (newest first). The regulator
 * sees every alert, a firm those about its own products and steps (the gateway decides). Each can be acknowledged
 * with a note.
 */
export function alertsPanel(api: Api, root: HTMLElement, onAlert: () => void): AbortController {
  const list = h('ul', { class: 'alerts', id: 'alerts', 'aria-live': 'polite' });
  const message = h('div', {});
  root.replaceChildren(h('h2', {}, 'Alerts, live'), list, message);
  const shown = new Map<string, HTMLLIElement>();
  const show = (alert: Alert) => {
    const item = itemOf(api, alert, message);
    const existing = shown.get(alert.id);
    if (existing) existing.replaceWith(item);
    else list.prepend(item);
    shown.set(alert.id, item);
  };
  const stop = new AbortController();
  // The stream starts from the first alert: the earlier ones arrive first, then each new one as it is raised.
  api
    .stream(
      '/alerts/stream',
      (event) => {
        if (event.event !== 'alert') return;
        show(JSON.parse(event.data) as Alert);
        onAlert();
      },
      stop.signal,
    )
    .catch((err: unknown) => showError(message, err));
  return stop;
}

function itemOf(api: Api, alert: Alert, message: HTMLElement): HTMLLIElement {
  const ack = alert.acknowledgement;
  const item = h(
    'li',
    { 'data-alert': alert.id, 'data-rule': alert.rule, class: ack ? 'acknowledged' : 'open' },
    h('strong', {}, alert.rule),
    ' ',
    h('span', { class: 'muted' }, `${when(alert.raisedAt)} · ${alert.responsible}`),
    h('div', {}, alert.summary),
    h('div', { class: 'muted evidence' }, `events ${alert.evidence.eventIds.length}, transactions ${alert.evidence.txIds.join(', ').slice(0, 80)}`),
    ack ? h('div', { class: 'ack' }, `acknowledged by ${ack.user}: ${ack.note}`) : null,
  );
  if (!ack) {
    const button = h('button', { type: 'button', class: 'quiet' }, 'Acknowledge');
    button.addEventListener('click', () => {
      const note = window.prompt('Note for the acknowledgement');
      if (!note) return;
      api.post<Alert>(`/alerts/${encodeURIComponent(alert.id)}/ack`, { note }).then(
        (acknowledged) => item.replaceWith(itemOf(api, acknowledged, message)),
        (err: unknown) => showError(message, err),
      );
    });
    item.append(button);
  }
  return item;
}
