import type { FileReport } from './file-report';
import { displayPath } from './display-path';

// GitHub's workflow-command escaping: data loses %, CR and LF; property values also ':' and ','.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands, one line per finding: the runner turns them into
 * annotations on the pull request. `info` findings become notices, not warnings.
 */
export function formatGithub(reports: readonly FileReport[], cwd: string = process.cwd()): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = escapeProperty(displayPath(report.path, cwd));
    for (const d of report.diagnostics) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${file}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      const rejected = d.rejectedByLibreswan ? ' (Libreswan rejects this)' : '';
      lines.push(`::${command} ${props}::${escapeData(d.message + rejected)}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
