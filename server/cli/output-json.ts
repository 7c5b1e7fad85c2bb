import type { FileReport } from './file-report';
import { OffsetMap, toEslintFix, type EslintFix } from './eslint-fix';

/**
 * ESLint's JSON formatter shape, plus `rejectedByLibreswan` on each message. ESLint knows only
 * 1 (warning) and 2 (error): an `info` finding gets severity 0 so tools that sum severities do
 * not count it as a warning, and every message names its level in `severityName`. A finding
 * with a fix safe to apply unseen carries it as ESLint's `fix`; the others as `suggestions`.
 */
export function formatJson(reports: readonly FileReport[], sourceOf: (path: string) => string | undefined = () => undefined): string {
  return JSON.stringify(
    reports.map((r) => {
      const needsText = r.diagnostics.some((d) => (d.fixes?.length ?? 0) > 0);
      const text = needsText ? sourceOf(r.path) : undefined;
      const offsets = text !== undefined ? new OffsetMap(text) : undefined;
      const messages = r.diagnostics.map((d) => {
        let fix: EslintFix | undefined;
        const suggestions: { desc: string; fix: EslintFix }[] = [];
        if (text !== undefined && offsets) {
          for (const f of d.fixes ?? []) {
            const shaped = toEslintFix(f, r.path, text, offsets);
            if (!shaped) continue;
            if (f.preferred && !fix) fix = shaped;
            else suggestions.push({ desc: f.title, fix: shaped });
          }
        }
        return {
          ruleId: d.ruleId,
          severity: d.severity === 'error' ? 2 : d.severity === 'warning' ? 1 : 0,
          severityName: d.severity,
          message: d.message,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          rejectedByLibreswan: d.rejectedByLibreswan,
          ...(d.conn !== undefined ? { conn: d.conn } : {}),
          ...(fix ? { fix } : {}),
          ...(suggestions.length > 0 ? { suggestions } : {}),
        };
      });
      return {
        filePath: r.path,
        messages,
        errorCount: messages.filter((m) => m.severity === 2).length,
        warningCount: messages.filter((m) => m.severity === 1).length,
        infoCount: messages.filter((m) => m.severity === 0).length,
        fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
        fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
      };
    }),
  );
}
