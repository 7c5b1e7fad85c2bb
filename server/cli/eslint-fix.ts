import type { Position } from '../../grammar/text-range';
import type { Fix } from '../rules/rule';

/** ESLint's fix object: replace the source between two string offsets by `text`. */
export interface EslintFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Offsets of positions in one text; lines past the end clamp to its length (an edit may end on the line after the last). */
export class OffsetMap {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }
  offsetOf(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[p.line] + p.character, this.text.length);
  }
}

/**
 * One of our fixes as ESLint's single-range fix. Several edits in the file become one range
 * that covers them all, the text between them kept; a fix that edits another file has no
 * such shape and gives undefined.
 */
export function toEslintFix(fix: Fix, file: string, text: string, offsets: OffsetMap = new OffsetMap(text)): EslintFix | undefined {
  if (fix.edits.length === 0 || fix.edits.some((e) => e.file !== file)) return undefined;
  const edits = fix.edits
    .map((e) => ({ start: offsets.offsetOf(e.range.start), end: offsets.offsetOf(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return undefined;
  const start = edits[0].start;
  const end = edits[edits.length - 1].end;
  let out = '';
  let at = start;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { range: [start, end], text: out };
}
