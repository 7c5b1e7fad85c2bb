import { setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { FileTabs } from './file-tabs';
import { tabLabel } from './file-tabs';
import { toOffset } from './positions';
import type { PairLine, PairResult } from './protocol';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** Marks the lines to change in one host's editors. */
function markHost(tabs: FileTabs, lines: readonly { line: PairLine; message: string; severity: 'error' | 'warning' }[]): void {
  for (const [path, view] of tabs.editors) {
    const doc = view.state.doc;
    const marks: EditorDiagnostic[] = lines
      .filter((l) => l.line.file === path)
      .map((l) => {
        const from = toOffset(doc, l.line.range.start);
        return { from, to: Math.max(from, toOffset(doc, l.line.range.end)), severity: l.severity, message: l.message };
      });
    view.dispatch(setDiagnostics(view.state, marks));
  }
}

function reveal(tabs: FileTabs, line: PairLine): void {
  tabs.select(line.file);
  const view: EditorView | undefined = tabs.editors.get(line.file);
  if (!view) return;
  const at = toOffset(view.state.doc, line.range.start);
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
}

/** The predicted outcome and, per finding, the line to change on each host, side by side. */
export function renderPairResult(root: HTMLElement, result: PairResult, west: FileTabs, east: FileTabs): void {
  root.replaceChildren();
  if (result.problems.length > 0) {
    for (const p of result.problems) root.append(element('p', p, 'refused'));
    return;
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  const outcome = element('p', undefined, errors.length > 0 ? 'outcome fails' : 'outcome ok');
  outcome.id = 'pair-outcome';
  outcome.textContent =
    result.matched.length === 0
      ? 'No conn has the same name on both hosts: nothing to compare.'
      : errors.length > 0
        ? `Predicted: ${[...new Set(errors.map((f) => `conn ${f.conn} fails (${f.notification})`))].join('; ')}`
        : `Predicted: the ends agree (${result.matched.length} conn${result.matched.length === 1 ? '' : 's'} compared${result.findings.length > 0 ? `, ${result.findings.length} warning${result.findings.length === 1 ? '' : 's'}` : ''}).`;
  root.append(outcome);
  if (result.westOnly.length + result.eastOnly.length > 0) {
    root.append(element('p', `Only on west: ${result.westOnly.join(', ') || '–'}. Only on east: ${result.eastOnly.join(', ') || '–'}.`, 'muted'));
  }
  const list = element('ol', undefined, 'pair-findings');
  for (const f of result.findings) {
    const item = element('li', undefined, f.severity);
    item.dataset.notification = f.notification;
    item.append(element('span', f.notification, 'badge'), element('span', ` conn ${f.conn}: ${f.message}`));
    const sides = element('div', undefined, 'sides');
    for (const [name, line, tabs] of [['west', f.west, west], ['east', f.east, east]] as const) {
      const side = element('button', undefined, 'side');
      side.type = 'button';
      side.append(element('strong', `${name} `), element('span', `${tabLabel(line.file)}:${line.range.start.line + 1} `), element('code', line.text));
      side.addEventListener('click', () => reveal(tabs, line));
      sides.append(side);
    }
    item.append(sides);
    list.append(item);
  }
  root.append(list);
  markHost(west, result.findings.map((f) => ({ line: f.west, message: `${f.notification}: ${f.message}`, severity: f.severity })));
  markHost(east, result.findings.map((f) => ({ line: f.east, message: `${f.notification}: ${f.message}`, severity: f.severity })));
}
