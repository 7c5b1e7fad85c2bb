import type { TextRange } from '../../grammar/text-range';

/**
 * A formatter's answer, kept per line of the input: `lines[i]` is what input line `i`
 * (its newline included) becomes. It may be empty (a dropped blank line) or start with a
 * blank line the layout adds. Joined they are the formatted document; a run of them
 * replaces the same run of input lines, which is what range formatting needs.
 */
export interface FormattedLines {
  readonly lines: readonly string[];
}

export interface FormatError {
  readonly message: string;
  readonly range: TextRange;
}

/** A file with syntax errors is never formatted: half-understood input could change meaning. */
export type FormatOutcome = ({ readonly ok: true } & FormattedLines) | { readonly ok: false; readonly errors: readonly FormatError[] };

export function joinLines(formatted: FormattedLines): string {
  return formatted.lines.join('');
}

/** Tracks blank lines between content lines: at most one is kept, and a caller may force one. */
export class BlankLineRun {
  private pendingIndex = -1;
  private started = false;

  constructor(
    private readonly out: string[],
    private readonly eol: string,
  ) {}

  /** Input line `index` is blank: remember where the run starts, emit nothing yet. */
  blank(index: number): void {
    this.out[index] = '';
    if (this.pendingIndex < 0) this.pendingIndex = index;
  }

  get pending(): boolean {
    return this.pendingIndex >= 0;
  }

  /** True once some content line has been emitted: blank lines before it are never kept. */
  get afterContent(): boolean {
    return this.started;
  }

  /**
   * Emits content for input line `index`, preceded by `blanks` (0 or 1) blank lines. A kept
   * blank line is written on the first blank input line of the run, so a range that covers
   * the run (and not the content) still formats to the same text.
   */
  content(index: number, text: string, blanks: 0 | 1): void {
    const separator = blanks === 1 && this.started ? this.eol : '';
    if (separator !== '' && this.pendingIndex >= 0) {
      this.out[this.pendingIndex] = separator;
      this.out[index] = text;
    } else {
      this.out[index] = separator + text;
    }
    this.pendingIndex = -1;
    this.started = true;
  }
}
