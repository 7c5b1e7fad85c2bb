import type { FileReport } from './file-report';

/** ESLint's JSON formatter shape, plus `rejectedByLibreswan` on each message. */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map((r) => ({
      filePath: r.path,
      messages: r.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity === 'error' ? 2 : 1,
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        rejectedByLibreswan: d.rejectedByLibreswan,
        ...(d.conn !== undefined ? { conn: d.conn } : {}),
      })),
      errorCount: r.diagnostics.filter((d) => d.severity === 'error').length,
      warningCount: r.diagnostics.filter((d) => d.severity !== 'error').length,
    })),
  );
}
