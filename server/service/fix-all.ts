import type { Position } from '../../grammar/text-range';
import type { LintDiagnostic, TextEdit } from '../rules/rule';
import { fixAllEdits } from './fix-choice';
import { lintConf, type ConfLintInput } from './lint-conf';

/*
 * `ipsec-lint --fix` and the editor's "fix all" in one place: lint, apply every preferred fix
 * of the file's own findings (the safe ones: renames, migrations with the same meaning,
 * comments that say why a keyword went), and lint again, until a pass changes nothing.
 * Pure: text in, text out; other files (includes) are only read, through the given file
 * system. Every edit replaces a key, a value or an assignment up to its line's end, never a
 * whole line, so comments on other lines survive, and a trailing comment is carried into the
 * rewritten assignment.
 */

/** A fix that keeps producing edits (two rules undoing each other) stops here rather than looping. */
const MAX_PASSES = 10;

export interface FixAllResult {
  /** The text after every pass. */
  readonly text: string;
  /** The edits applied, per pass, in the text of that pass. */
  readonly passes: readonly (readonly TextEdit[])[];
  /** The findings of the fixed text: what --fix could not decide. */
  readonly remaining: readonly LintDiagnostic[];
  /** False when MAX_PASSES passes still found edits (a bug in some rule's fix). */
  readonly settled: boolean;
}

/** Every edit as offsets into `text`; columns are UTF-16 code units, as JavaScript indexes strings. */
function offsetOf(lineStarts: readonly number[], text: string, p: Position): number {
  if (p.line >= lineStarts.length) return text.length;
  return Math.min(lineStarts[p.line] + p.character, p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length);
}

/** Applies non-overlapping edits (as fixAllEdits chooses them) to one file's text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const spans = edits
    .map((e) => ({ start: offsetOf(lineStarts, text, e.range.start), end: offsetOf(lineStarts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Fixes one ipsec.conf-style file until nothing changes; the file's includes are read, not written. */
export function fixAllConf(input: ConfLintInput): FixAllResult {
  let text = input.text;
  const passes: TextEdit[][] = [];
  for (;;) {
    const result = lintConf({ ...input, text, parsed: (p) => (p === input.path ? undefined : input.parsed?.(p)) });
    const edits = fixAllEdits(input.path, result.diagnostics).filter((e) => e.file === input.path);
    if (edits.length === 0) return { text, passes, remaining: result.diagnostics, settled: true };
    if (passes.length === MAX_PASSES) return { text, passes, remaining: result.diagnostics, settled: false };
    const next = applyEdits(text, edits);
    if (next === text) return { text, passes, remaining: result.diagnostics, settled: true };
    passes.push(edits);
    text = next;
  }
}
