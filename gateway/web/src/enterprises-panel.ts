import type { Api } from './api.js';
import { h, showError } from './dom.js';

interface Enterprise {
  readonly mspId: string;
  readonly name: string;
  readonly country: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'suspended';
}

/**
 * The alliance's enterprises and their status; the regulator (its MSP id given) suspends or reinstates one, with a
 * reason.
 */
export function enterprisesPanel(api: Api, root: HTMLElement, regulator: string | undefined): () => Promise<void> {
  const mayAct = regulator !== undefined;
  const table = h('tbody', { id: 'enterprises' });
  const message = h('div', {});
  root.replaceChildren(
    h('h2', {}, 'Enterprises'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Enterprise'), h('th', {}, 'Country'), h('th', {}, 'Roles'), h('th', {}, 'Status'), mayAct ? h('th', {}, 'Action') : null)), table),
    message,
  );
  const reload = async () => {
    try {
      const enterprises = await api.get<Enterprise[]>('/enterprises');
      table.replaceChildren(...enterprises.map((e) => row(e)));
    } catch (err) {
      showError(message, err);
    }
  };
  const row = (e: Enterprise) => {
    const cells = [h('td', {}, `${e.name} (${e.mspId})`), h('td', {}, e.country), h('td', {}, e.roles.join(', ')), h('td', { class: e.status }, e.status)];
    // The regulator acts on every member but itself (the chaincode refuses that too).
    if (mayAct && e.mspId === regulator) cells.push(h('td', {}));
    else if (mayAct) {
      const next = e.status === 'active' ? 'suspended' : 'active';
      const button = h('button', { type: 'button', 'data-msp': e.mspId }, next === 'suspended' ? 'Suspend' : 'Reinstate');
      button.addEventListener('click', () => {
        const reason = window.prompt(`Reason to ${next === 'suspended' ? 'suspend' : 'reinstate'} ${e.name}`);
        if (!reason) return;
        api.put(`/enterprises/${encodeURIComponent(e.mspId)}/status`, { status: next, reason }).then(reload, (err: unknown) => showError(message, err));
      });
      cells.push(h('td', {}, button));
    }
    return h('tr', {}, ...cells);
  };
  void reload();
  return reload;
}
