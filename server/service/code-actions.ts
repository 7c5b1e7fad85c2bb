import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Fix, LintDiagnostic } from '../rules/rule';
import { fixAllEdits, rangesOverlap as overlaps } from './fix-choice';
import { toLspDiagnostic } from './lsp-diagnostics';

function workspaceEdit(edits: Fix['edits'], uriOf: (path: string) => string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  // `only: ['source']` asks for every source action, `['quickfix']` for quick fixes only.
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Quick fixes for the findings under the cursor (each rule's `fixes`, as the rule wrote
 * them), and one `source.fixAll` that applies every fix a rule marked safe, in the file.
 */
export function codeActions(
  path: string,
  diagnostics: readonly LintDiagnostic[],
  range: Range,
  only: readonly string[] | undefined,
  uriOf: (path: string) => string,
  docsBaseUrl: string | undefined,
  lineLength?: (line: number) => number | undefined,
): CodeAction[] {
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (!d.fixes || d.fixes.length === 0 || !overlaps(d.range, range)) continue;
      for (const fix of d.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toLspDiagnostic(d, uriOf, docsBaseUrl)],
          isPreferred: fix.preferred === true,
          edit: workspaceEdit(fix.edits, uriOf),
        });
      }
    }
  }
  // In ipsec.conf files, any finding can be silenced where it stands (see suppressions.ts).
  if (lineLength && wants(only, CodeActionKind.QuickFix)) {
    const offered = new Set<string>();
    for (const d of diagnostics) {
      if (d.file !== path || !overlaps(d.range, range)) continue;
      const line = d.range.start.line;
      const end = lineLength(line);
      if (end === undefined || offered.has(`${line}|${d.ruleId}`)) continue;
      offered.add(`${line}|${d.ruleId}`);
      out.push({
        title: `Disable ${d.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(d, uriOf, docsBaseUrl)],
        edit: workspaceEdit([{ file: path, range: { start: { line, character: end }, end: { line, character: end } }, newText: ` # ipsec-lint disable=${d.ruleId}` }], uriOf),
      });
    }
  }
  if (wants(only, CodeActionKind.SourceFixAll)) {
    const fixAll = fixAllEdits(path, diagnostics);
    if (fixAll.length > 0) out.push({ title: 'Fix all safely fixable ipsec-lint problems', kind: CodeActionKind.SourceFixAll, edit: workspaceEdit(fixAll, uriOf) });
  }
  return out;
}
