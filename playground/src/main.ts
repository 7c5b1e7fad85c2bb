import workerSource from 'playground:worker-source';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyCodeAction, formatFile, messageText, showFindings, type FileEditorHost } from './editor';
import { renderEffectiveConns } from './effective-view';
import { examplePair, exampleFiles } from './examples';
import { FileTabs, tabLabel } from './file-tabs';
import { renderPairResult } from './pair-view';
import { toOffset } from './positions';
import { HOST_ETC, type FileFindings, type PlaygroundSettings } from './protocol';
import { ServiceClient, startWorker } from './service-client';
import { decodeShareFragment, encodeShareFragment, hasShareFragment } from './share-link';

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

const service = new ServiceClient(startWorker(workerSource));
const defaults: PlaygroundSettings = { libreswanVersion: 'latest', fips: false, cryptoPolicy: 'DEFAULT', cryptoPolicyEra: 'current' };
const status = byId<HTMLElement>('status');
const problemsList = byId<HTMLOListElement>('problems');
const versionSelect = byId<HTMLSelectElement>('setting-version');
const fipsBox = byId<HTMLInputElement>('setting-fips');
const policySelect = byId<HTMLSelectElement>('setting-policy');
const eraSelect = byId<HTMLSelectElement>('setting-era');
let policiesByEra: Readonly<Record<string, readonly string[]>> = {};
let lastFindings: Readonly<Record<string, FileFindings>> = {};

let validateTimer: number | undefined;
let validating = Promise.resolve();
let pairTimer: number | undefined;
const host: FileEditorHost = {
  service,
  changed: () => {
    window.clearTimeout(validateTimer);
    validateTimer = window.setTimeout(() => void validate(), 150);
  },
  ready: async () => {
    if (validateTimer === undefined) return validating;
    window.clearTimeout(validateTimer);
    return validate();
  },
  editorOf: (path) => workspace.editors.get(path),
};
const pairHost: FileEditorHost = {
  service,
  changed: () => {
    window.clearTimeout(pairTimer);
    pairTimer = window.setTimeout(() => void checkPairNow(), 250);
  },
  ready: async () => {},
  editorOf: () => undefined,
};

const workspace = new FileTabs(byId('tabs'), byId('editors'), host, true);
const west = new FileTabs(byId('west-tabs'), byId('west-editors'), pairHost, false);
const east = new FileTabs(byId('east-tabs'), byId('east-editors'), pairHost, false);

function currentSettings(): PlaygroundSettings {
  return { libreswanVersion: versionSelect.value as PlaygroundSettings['libreswanVersion'], fips: fipsBox.checked, cryptoPolicy: policySelect.value || 'DEFAULT', cryptoPolicyEra: eraSelect.value as PlaygroundSettings['cryptoPolicyEra'] };
}

function fillPolicies(): void {
  const chosen = policySelect.value || 'DEFAULT';
  const names = policiesByEra[eraSelect.value] ?? ['DEFAULT'];
  policySelect.replaceChildren(...names.map((n) => new Option(n, n)));
  policySelect.value = names.includes(chosen) ? chosen : names.includes('DEFAULT') ? 'DEFAULT' : names[0];
}

/** Settings from a link are checked against what this build knows before use. */
function applySettings(s: PlaygroundSettings): void {
  if ([...versionSelect.options].some((o) => o.value === s.libreswanVersion)) versionSelect.value = s.libreswanVersion;
  fipsBox.checked = s.fips === true;
  if (Object.hasOwn(policiesByEra, s.cryptoPolicyEra)) eraSelect.value = s.cryptoPolicyEra;
  fillPolicies();
  if ((policiesByEra[eraSelect.value] ?? []).includes(s.cryptoPolicy)) policySelect.value = s.cryptoPolicy;
}

const severityName = ['error', 'error', 'warning', 'info', 'hint'];

function reveal(path: string, line: number, character = 0): void {
  showView('workspace');
  workspace.select(path);
  const view = workspace.editors.get(path);
  if (!view) return;
  const at = toOffset(view.state.doc, { line, character });
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
}

function renderProblems(findings: Readonly<Record<string, FileFindings>>): void {
  const rows: { path: string; d: Diagnostic }[] = [];
  for (const path of workspace.editors.keys()) for (const d of findings[path]?.diagnostics ?? []) rows.push({ path, d });
  problemsList.replaceChildren();
  for (const { path, d } of rows) {
    const item = document.createElement('li');
    const severity = severityName[d.severity ?? 1];
    item.className = severity;
    if (typeof d.code === 'string') item.dataset.rule = d.code;
    const where = document.createElement('a');
    where.href = '#';
    where.className = 'where';
    where.textContent = `${tabLabel(path)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    where.addEventListener('click', (event) => {
      event.preventDefault();
      reveal(path, d.range.start.line, d.range.start.character);
    });
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = ` ${severity}: ${messageText(d)} `;
    item.append(where, message);
    if (typeof d.code === 'string') {
      // Rule pages are bundled (rules/<id>.html); a diagnostic without a page has no codeDescription.
      const rule = document.createElement(d.codeDescription ? 'a' : 'span');
      rule.className = 'rule';
      rule.textContent = d.code;
      if (rule instanceof HTMLAnchorElement) {
        rule.href = `rules/${encodeURIComponent(d.code)}.html`;
        rule.target = '_blank';
        rule.rel = 'noopener';
      }
      item.append(rule);
    }
    problemsList.append(item);
  }
  const errors = rows.filter((r) => r.d.severity === 1).length;
  status.textContent = rows.length === 0 ? 'No problems found.' : `${rows.length} problem${rows.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})`;
  status.dataset.count = String(rows.length);
}

async function validate(): Promise<void> {
  validateTimer = undefined;
  const run = async (): Promise<void> => {
    try {
      lastFindings = await service.request('sync', { files: workspace.files(), settings: currentSettings() });
      for (const [path, view] of workspace.editors) showFindings(view, host, lastFindings[path] ?? { diagnostics: [], actions: [] });
      renderProblems(lastFindings);
      await refreshEffective();
      document.body.dataset.validated = String(Number(document.body.dataset.validated ?? '0') + 1);
    } catch (error) {
      status.textContent = `The language service failed: ${(error as Error).message.split('\n')[0]}`;
    }
  };
  validating = validating.then(run);
  return validating;
}

async function refreshEffective(): Promise<void> {
  const conns = await service.request('effective', { path: `${HOST_ETC}/ipsec.conf` });
  renderEffectiveConns(byId('effective'), byId<HTMLSelectElement>('effective-conn'), conns, (path, line) => reveal(path, line));
}

async function checkPairNow(): Promise<void> {
  const result = await service.request('pair', { west: west.files(), east: east.files(), libreswanVersion: currentSettings().libreswanVersion });
  renderPairResult(byId('pair-result'), result, west, east);
  document.body.dataset.paired = String(Number(document.body.dataset.paired ?? '0') + 1);
}

function showView(name: 'workspace' | 'pair'): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) button.setAttribute('aria-pressed', String(button.dataset.view === name));
  byId('workspace-view').hidden = name !== 'workspace';
  byId('pair-view').hidden = name !== 'pair';
  if (name === 'pair') void checkPairNow();
}

async function restore(): Promise<void> {
  if (hasShareFragment(location.hash)) {
    const shared = await decodeShareFragment(location.hash, defaults);
    if ('problem' in shared) {
      const notice = byId<HTMLElement>('notice');
      notice.textContent = `Could not open the shared link: ${shared.problem}. Showing the example files instead.`;
      notice.hidden = false;
    } else {
      applySettings(shared.settings);
      workspace.setFiles(Object.keys(shared.files).length > 0 ? shared.files : exampleFiles);
      await validate();
      return;
    }
  }
  applySettings(defaults);
  workspace.setFiles(exampleFiles);
  await validate();
}

async function share(): Promise<void> {
  const includeSecrets = byId<HTMLInputElement>('share-secrets').checked;
  const fragment = await encodeShareFragment({ files: workspace.files(), settings: currentSettings() }, includeSecrets);
  const url = `${location.href.replace(/#.*$/, '')}${fragment}`;
  // replaceState changes the address bar without a hashchange: the page already shows these files.
  history.replaceState(null, '', url);
  const field = byId<HTMLInputElement>('share-url');
  field.value = url;
  field.hidden = false;
  field.select();
  byId('share-note').textContent = `Link made (${url.length} characters)${includeSecrets ? ', with the secrets files' : ', without the secrets files'}. The files are in the part after #, which browsers never send to a server.`;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    // file:// pages may not write the clipboard; the link is selected in the field instead.
  }
}

async function start(): Promise<void> {
  const meta = await service.request('meta', {});
  policiesByEra = meta.policies;
  versionSelect.replaceChildren(...meta.versions.map((v) => new Option(v === 'latest' ? 'latest (5.5 development)' : v, v)));
  eraSelect.replaceChildren(...meta.eras.map((e) => new Option(e, e)));
  for (const control of [versionSelect, fipsBox, policySelect]) control.addEventListener('change', () => host.changed());
  eraSelect.addEventListener('change', () => {
    fillPolicies();
    host.changed();
  });
  byId('format').addEventListener('click', () => {
    const path = workspace.active;
    const view = path ? workspace.editors.get(path) : undefined;
    if (path && view)
      void formatFile(view, path, host).then((refused) => {
        if (refused) status.textContent = `Not formatted: ${refused}`;
      });
  });
  byId('fix-all').addEventListener('click', () => {
    for (const findings of Object.values(lastFindings)) for (const a of findings.actions) if (a.kind === 'source.fixAll') applyCodeAction(host, a);
  });
  byId('share').addEventListener('click', () => void share());
  byId('effective-conn').addEventListener('change', () => void refreshEffective());
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) button.addEventListener('click', () => showView(button.dataset.view as 'workspace' | 'pair'));
  byId('pair-check').addEventListener('click', () => void checkPairNow());
  byId('pair-from-workspace').addEventListener('click', () => {
    west.setFiles(workspace.files());
    void checkPairNow();
  });
  window.addEventListener('hashchange', () => {
    if (hasShareFragment(location.hash)) void restore();
  });
  west.setFiles(examplePair.west);
  east.setFiles(examplePair.east);
  await restore();
  document.body.dataset.ready = 'true';
}

void start();
