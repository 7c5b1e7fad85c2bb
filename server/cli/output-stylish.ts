import type { FileReport } from './file-report';
import { DEFAULT_RULE_DOCS_BASE_URL, hasRulePage, ruleDocsHref } from '../service/rule-docs';

/**
 * Colour by the common conventions: NO_COLOR (any non-empty value) turns it off, FORCE_COLOR
 * turns it on (off for '0' or 'false'), else colour only on a terminal.
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** ESLint's stylish layout: a block per file, then a summary line. */
export function formatStylish(reports: readonly FileReport[], color = useColor(process.stdout), docsBaseUrl: string | undefined = DEFAULT_RULE_DOCS_BASE_URL): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    lines.push(paint('4', report.path));
    const rows = report.diagnostics.map((d) => {
      const label = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info';
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const rejected = d.rejectedByLibreswan ? ' (Libreswan rejects this)' : '';
      return { pos: `${d.range.start.line + 1}:${d.range.start.character + 1}`, label, text: d.message + rejected, rule: d.ruleId };
    });
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    for (const r of rows) {
      const label = paint(r.label === 'error' ? '31' : r.label === 'warning' ? '33' : '36', r.label.padEnd(7));
      lines.push(`  ${paint('2', r.pos.padEnd(posWidth))}  ${label}  ${r.text}  ${paint('2', r.rule)}`);
    }
    lines.push('');
  }
  const total = errors + warnings + infos;
  if (total > 0) {
    const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos > 0 ? `, ${infos} info` : ''}`;
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts})`;
    lines.push(paint(errors > 0 ? '31;1' : '33;1', summary));
    // Each rule's page once per run, as ShellCheck prints its wiki links, not once per finding.
    const ruleIds = [...new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].filter(hasRulePage);
    if (docsBaseUrl !== undefined && ruleIds.length > 0) {
      lines.push('', 'For more information:');
      for (const id of ruleIds) lines.push(`  ${id}: ${ruleDocsHref(docsBaseUrl, id)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
