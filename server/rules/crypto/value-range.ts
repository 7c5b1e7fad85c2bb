import type { TextRange } from '../../../grammar/text-range';
import type { Assignment } from '../../model/connections';

/**
 * The range of `[start, end)` of an assignment's value text (offsets as the proposal
 * parser reports them) in the file. A quoted or braced value's text starts one character
 * after its range; a value spread over several lines is underlined whole.
 */
export function rangeInValue(a: Assignment, start: number, end: number): TextRange {
  const value = a.line.value;
  if (!value) return a.line.range;
  const { range } = value;
  if (range.start.line !== range.end.line) return range;
  const first = range.start.character + (value.quoting === 'bare' ? 0 : 1);
  const clamp = (n: number): number => Math.max(0, Math.min(n, value.text.length));
  return {
    start: { line: range.start.line, character: first + clamp(start) },
    end: { line: range.start.line, character: first + clamp(Math.max(start, end)) },
  };
}

/** "conn a", "conns a, b and 3 more". */
export function connList(names: readonly string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 3).map((n) => `'${n}'`).join(', ');
  const more = unique.length > 3 ? ` and ${unique.length - 3} more` : '';
  return `${unique.length === 1 ? 'conn' : 'conns'} ${shown}${more}`;
}
