import { comparePositions, type TextRange } from '../../grammar/text-range';
import type { Fix, LintDiagnostic } from '../rules/rule';

/*
 * Which fixes "fix all" applies, shared by the editor's source.fixAll action and `ipsec-lint
 * --fix`. Kept apart from code-actions.ts, which speaks the LSP's types: the CLI needs only
 * this, and importing that module put the whole LSP protocol library into every CLI start.
 */

/** Whether two ranges share a character (or touch). */
export function rangesOverlap(a: TextRange, b: TextRange): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Every preferred fix of the file's findings; where two touch the same text, the first wins. */
export function fixAllEdits(path: string, diagnostics: readonly LintDiagnostic[]): Fix['edits'] {
  const chosen: Fix['edits'][number][] = [];
  for (const d of diagnostics) {
    if (d.file !== path) continue;
    const fix = d.fixes?.find((f) => f.preferred);
    if (!fix) continue;
    const clashes = fix.edits.some((e) => chosen.some((c) => c.file === e.file && rangesOverlap(c.range, e.range)));
    if (!clashes) chosen.push(...fix.edits);
  }
  return chosen;
}
