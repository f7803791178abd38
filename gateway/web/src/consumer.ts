import { byId, h, showError, when } from './dom.js';
import { verifyInclusionProof, type InclusionProofInput } from './merkle-proof.js';

/** The consumer page: what the public channel holds of one sold item, each step checked here, in the browser. */

interface Enterprise {
  readonly mspId: string;
  readonly name: string;
  readonly country: string;
}

interface Step {
  readonly eventId: string;
  readonly step: string;
  readonly time: string;
  readonly relation: string;
  readonly enterprise: Enterprise;
  readonly where: { readonly country: string; readonly site?: string };
  readonly verdict?: string;
}

interface Recall {
  readonly recallId: string;
  readonly severity: string;
  readonly severityMeaning: string;
  readonly reason: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
}

interface Record {
  readonly epc: string;
  readonly product: { name: string; category: string; origin: string; standards: string[]; brandOwner: Enterprise } | null;
  readonly steps: readonly Step[];
  readonly coldChain: { verdict: string; readings: number; outside: number };
  readonly recalls: readonly Recall[];
  readonly flags: readonly string[];
  readonly merkleRoot: string;
  readonly truncated: boolean;
}

interface Complaint {
  readonly step: string;
  readonly category: string;
  readonly status: string;
  readonly filedAt: string;
  readonly answerDue: string;
  readonly answer?: { text: string; by: string; at: string };
  readonly ruling?: { decision: string; reason: string; by: string; at: string };
}

interface PublicItem {
  readonly item: string;
  readonly record: Record;
  readonly version: number;
  readonly publishedAt: string;
  readonly txId: string;
  readonly complaints: readonly Complaint[];
}

/** What each flag the screening raised means to a buyer. */
const WARNINGS: { readonly [flag: string]: string } = {
  never_commissioned: 'No manufacturer ever registered this serial number: the item may be counterfeit.',
  sold_more_than_once: 'This serial number was sold more than once: its code may have been copied.',
  recalled: 'This item is recalled. Stop using it and see the recall notice below.',
  cold_chain_breach: 'The cold chain was broken: temperatures in transport were outside the product’s limits.',
  failed_inspection: 'An inspection found the goods non-conformant.',
};

const COLD_CHAIN: { readonly [verdict: string]: string } = {
  within_limits: 'Kept within the product’s temperature limits',
  outside_limits: 'Temperatures outside the product’s limits were recorded',
  no_limits_registered: 'Temperatures recorded; the brand owner registered no limits',
  not_monitored: 'No temperature records',
};

/**
 * The same bytes as the domain's canonicalJson: object keys sorted (by UTF-16 code units, as Array.prototype.sort
 * does) at every depth, undefined members left out, then JSON.stringify. The leaf is hashed from this, never from
 * text the server sends, so a step shown differently from the one on the ledger cannot verify.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: unknown } = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as { [key: string]: unknown })[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}

const itemPath = (item: string) => `/public/items/${encodeURIComponent(item)}`;

async function main(): Promise<void> {
  const item = new URLSearchParams(location.search).get('item');
  const content = byId('content');
  if (!item) {
    content.replaceChildren(askForItem());
    return;
  }
  try {
    const response = await fetch(itemPath(item));
    if (response.status === 404) {
      content.replaceChildren(h('p', { class: 'warning', role: 'alert', id: 'not-found' }, 'No public record of this item. Only items sold through the alliance have one: if you bought it, ask the seller.'));
      return;
    }
    if (!response.ok) throw new Error(((await response.json()) as { detail?: string; title?: string }).detail ?? `the gateway answered ${response.status}`);
    const answer = (await response.json()) as PublicItem;
    render(content, answer);
    await verifySteps(answer);
  } catch (err) {
    showError(content, err);
  }
}

function askForItem(): HTMLElement {
  const input = h('input', { name: 'item', id: 'item', required: '', placeholder: 'https://id.gs1.org/01/…/21/…', 'aria-label': 'The item’s Digital Link or EPC' });
  return h('form', { method: 'get', action: '/consumer', class: 'ask' }, h('p', {}, 'Scan the QR code on the product, or enter its code:'), input, h('button', { type: 'submit' }, 'Look up'));
}

function render(content: HTMLElement, answer: PublicItem): void {
  const { record } = answer;
  const product = record.product;
  content.replaceChildren(
    h(
      'section',
      { id: 'product' },
      h('h2', {}, product?.name ?? 'Unregistered product'),
      product && h('p', {}, `by ${product.brandOwner.name} (${product.brandOwner.country}) · made in ${product.origin} · ${product.category}`),
      h('p', { class: 'muted id' }, answer.item),
      h('div', { id: 'standards' }, product && product.standards.length > 0 ? h('p', {}, `Standards: ${product.standards.join(', ')}`) : h('p', { class: 'muted' }, 'No standards declared')),
    ),
    verification(record),
    recalls(record.recalls),
    h('section', { id: 'cold-chain' }, h('h3', {}, 'Cold chain'), h('p', { class: record.coldChain.verdict === 'outside_limits' ? 'bad' : '' }, `${COLD_CHAIN[record.coldChain.verdict] ?? record.coldChain.verdict} (${record.coldChain.readings} readings, ${record.coldChain.outside} outside)`)),
    h('section', { id: 'journey-section' }, h('h3', {}, 'Journey'), journey(record), record.truncated ? h('p', { class: 'muted' }, 'The journey was too long to show in full: its first steps are shown.') : null),
    complaints(answer.complaints),
    h('p', { class: 'muted small' }, `Record version ${answer.version}, published ${when(answer.publishedAt)} in transaction ${answer.txId}.`),
  );
}

function verification(record: Record): HTMLElement {
  const section = h('section', { id: 'verification' }, h('h3', {}, 'Is it genuine?'));
  if (record.flags.length === 0) {
    section.append(h('p', { class: 'good', id: 'clean' }, 'Genuine and clean: made, checked and sold as its record shows, with no recall.'));
  } else {
    section.append(h('ul', { class: 'warnings', role: 'alert' }, ...record.flags.map((flag) => h('li', { class: 'warning', 'data-flag': flag }, WARNINGS[flag] ?? flag))));
  }
  section.append(h('p', { id: 'proof-summary', class: 'muted' }, `Checking each step against the ledger’s Merkle root ${record.merkleRoot.slice(0, 16)}…`));
  return section;
}

function recalls(list: readonly Recall[]): HTMLElement {
  if (list.length === 0) return h('section', { id: 'recalls' }, h('h3', {}, 'Recalls'), h('p', { class: 'muted' }, 'No recall'));
  return h(
    'section',
    { id: 'recalls' },
    h('h3', {}, 'Recall notices'),
    ...list.map((r) => h('div', { class: 'notice', role: 'alert' }, h('strong', {}, `${r.severityMeaning}`), h('p', {}, r.reason), h('p', { class: 'muted' }, `Issued by ${r.issuedBy} on ${when(r.issuedAt)}`))),
  );
}

function journey(record: Record): HTMLElement {
  return h(
    'ol',
    { class: 'timeline', id: 'journey' },
    ...record.steps.map((step, index) =>
      h(
        'li',
        { 'data-step-index': String(index), class: step.verdict === 'non_conformant' ? 'bad' : '' },
        h('span', { class: 'step' }, step.step.replace(/_/g, ' ')),
        h('span', { class: 'time' }, when(step.time)),
        h('span', { class: 'who' }, `${step.enterprise.name} (${step.enterprise.country})`),
        h('span', { class: 'where' }, step.where.site ? `at ${step.where.site}` : `in ${step.where.country}`),
        step.relation !== 'item' ? h('span', { class: 'muted' }, step.relation === 'container' ? 'in its shipping unit' : 'of what it was made from') : null,
        step.verdict ? h('span', { class: step.verdict === 'non_conformant' ? 'verdict bad' : 'verdict good' }, step.verdict.replace(/_/g, ' ')) : null,
        h('span', { class: 'proof pending', 'data-proof': 'pending' }, 'checking…'),
      ),
    ),
  );
}

function complaints(list: readonly Complaint[]): HTMLElement {
  return h(
    'section',
    { id: 'complaints' },
    h('h3', {}, 'Complaints'),
    list.length === 0
      ? h('p', { class: 'muted' }, 'None filed')
      : h(
          'ul',
          {},
          ...list.map((c) =>
            h(
              'li',
              { 'data-status': c.status },
              h('span', { class: 'step' }, `${c.category} · ${c.step.replace(/_/g, ' ')}`),
              h('span', { class: 'status' }, c.status),
              h('span', { class: 'muted' }, `filed ${when(c.filedAt)}; answer due ${when(c.answerDue)}`),
              c.answer ? h('p', {}, `Answer of ${c.answer.by} (${when(c.answer.at)}): ${c.answer.text}`) : null,
              c.ruling ? h('p', {}, `Regulator’s ruling, ${c.ruling.decision} (${when(c.ruling.at)}): ${c.ruling.reason}`) : null,
            ),
          ),
        ),
  );
}

/** Fetches each step's proof and checks it over the step's own canonical JSON; marks the step verified or not. */
async function verifySteps(answer: PublicItem): Promise<void> {
  const { record } = answer;
  const results = await Promise.all(
    record.steps.map(async (step, index) => {
      let proven = false;
      try {
        const response = await fetch(`${itemPath(answer.item)}/steps/${index}/proof`);
        if (response.ok) {
          const { proof } = (await response.json()) as { proof: InclusionProofInput };
          // An inclusion proof fixes the leaf's place, not the tree's size: both come from the record, never the proof.
          proven = proof.leafIndex === index && proof.treeSize === record.steps.length && await verifyInclusionProof(new TextEncoder().encode(canonicalJson(step)), proof, record.merkleRoot);
        }
      } catch {
        proven = false;
      }
      const mark = document.querySelector(`#journey li[data-step-index="${index}"] .proof`);
      if (mark) {
        mark.textContent = proven ? 'verified' : 'NOT verified';
        mark.className = proven ? 'proof good' : 'proof bad';
        mark.setAttribute('data-proof', proven ? 'verified' : 'failed');
      }
      return proven;
    }),
  );
  const failed = results.filter((ok) => !ok).length;
  const summary = byId('proof-summary');
  summary.className = failed === 0 ? 'good' : 'bad';
  summary.setAttribute('data-verified', failed === 0 ? 'all' : 'not-all');
  summary.textContent =
    failed === 0
      ? `All ${results.length} steps verified in your browser against the ledger’s Merkle root.`
      : `${failed} of ${results.length} steps could NOT be verified: what is shown may not be what the ledger holds.`;
}

void main();
