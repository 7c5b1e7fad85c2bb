import type { FileReport } from './file-report';
import { displayPath } from './display-path';

/**
 * The GNU compiler layout (`file:line:col: severity: message [rule]`), which Vim's quickfix,
 * Emacs' compile mode and most editors' problem matchers parse. `info` is gcc's `note`.
 * A message never spans lines here: a newline would start a bogus entry.
 */
export function formatGcc(reports: readonly FileReport[], cwd: string = process.cwd()): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = displayPath(report.path, cwd);
    for (const d of report.diagnostics) {
      const severity = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note';
      const rejected = d.rejectedByLibreswan ? ' (Libreswan rejects this)' : '';
      const message = (d.message + rejected).replace(/\r?\n/g, ' ');
      lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${message} [${d.ruleId}]`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
