import { tabLabel } from './file-tabs';
import type { EffectiveConn } from './protocol';

/** Where a person clicked in the table: the file and 0-based line an effective value comes from. */
export type RevealLine = (path: string, line: number) => void;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/**
 * The effective conn: every value a conn ends up with after `%default` and `also=`, and the
 * line it came from (server/service/effective-settings.ts computes the rows).
 */
export function renderEffectiveConns(root: HTMLElement, select: HTMLSelectElement, conns: readonly EffectiveConn[], reveal: RevealLine): void {
  const chosen = select.value;
  select.replaceChildren(...conns.map((c) => new Option(c.name, c.name)));
  if (conns.some((c) => c.name === chosen)) select.value = chosen;
  const conn = conns.find((c) => c.name === select.value);
  root.replaceChildren();
  if (!conn) {
    root.append(element('p', 'No conn in ipsec.conf or the files it includes.', 'muted'));
    return;
  }
  if (conn.refused) root.append(element('p', 'Libreswan would not add this conn as written: see the problems.', 'refused'));
  const table = element('table', undefined, 'effective');
  const head = element('tr');
  head.append(element('th', 'key'), element('th', 'value'), element('th', 'from'));
  table.append(element('thead'));
  table.tHead!.append(head);
  const body = element('tbody');
  for (const row of conn.rows) {
    const tr = element('tr');
    tr.dataset.key = row.key;
    tr.className = `via-${row.via}`;
    const from = element('td');
    const link = element('a', row.from);
    link.href = '#';
    link.title = `Show ${tabLabel(row.file)} line ${row.line + 1}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      reveal(row.file, row.line);
    });
    from.append(link);
    tr.append(element('td', row.key, 'key'), element('td', row.value, 'value'), from);
    body.append(tr);
  }
  table.append(body);
  root.append(table);
  if (conn.alsoSections.length > 0) root.append(element('p', `Pulls in: ${conn.alsoSections.join(', ')}`, 'muted'));
}
