import { Api, ApiProblem } from './api.js';
import { byId, h } from './dom.js';
import { alertsPanel } from './alerts-panel.js';
import { enterprisesPanel } from './enterprises-panel.js';
import { figuresPanel } from './figures-panel.js';
import { recallPanel } from './recall-panel.js';
import { tracePanel } from './trace-panel.js';

/** Where the key is kept: this tab only, gone when it closes. */
const KEY_ITEM = 'crossborder-trace.key';

interface Me {
  readonly org: string;
  readonly mspId: string;
  readonly user: string;
}

/**
 * The desk: the regulator's view of the alliance (every firm's), or a firm's view of its own products. It acts with
 * the API key its user enters; every figure comes from the gateway, which answers as that user.
 */
async function open(key: string): Promise<void> {
  const api = new Api(key);
  const who = byId('who');
  let me: Me;
  let regulator: string;
  try {
    me = await api.get<Me>('/me');
    regulator = (await api.get<{ regulator: string }>('/charter')).regulator;
  } catch (err) {
    sessionStorage.removeItem(KEY_ITEM);
    showLogin(err instanceof ApiProblem && err.status === 401 ? 'That key is not valid here.' : String(err));
    return;
  }
  sessionStorage.setItem(KEY_ITEM, key);
  const isRegulator = me.mspId === regulator;
  who.replaceChildren(`${me.user} of ${me.org}`, isRegulator ? ' — regulator' : ' — your own products');
  byId('login').hidden = true;
  byId('desk').hidden = false;
  const refreshFigures = figuresPanel(api, byId('panel-figures'));
  void refreshFigures();
  // A new alert changes the figures too: redrawn at most every few seconds while alerts arrive.
  let pending: number | undefined;
  alertsPanel(api, byId('panel-alerts'), () => {
    pending ??= window.setTimeout(() => {
      pending = undefined;
      void refreshFigures();
    }, 3_000);
  });
  enterprisesPanel(api, byId('panel-enterprises'), isRegulator ? regulator : undefined);
  // Recalls: the regulator, and a brand owner for its own products (the chaincode decides).
  recallPanel(api, byId('panel-recall'));
  tracePanel(api, byId('panel-trace'));
}

function showLogin(problem?: string): void {
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', placeholder: 'cbt_…', 'aria-label': 'API key', required: '' });
  const form = h('form', { class: 'row' }, input, h('button', { type: 'submit' }, 'Open the desk'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void open(input.value.trim());
  });
  const login = byId('login');
  login.hidden = false;
  byId('desk').hidden = true;
  login.replaceChildren(h('p', {}, 'Enter an API key of this org (npm run gateway -- key add --org <Org> --user <User>).'), form);
  if (problem) login.append(h('p', { class: 'error', role: 'alert' }, problem));
}

const saved = sessionStorage.getItem(KEY_ITEM);
if (saved) void open(saved);
else showLogin();
