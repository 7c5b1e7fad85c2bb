/**
 * Splits one proposal into terms the way Libreswan does: every delimiter ends a
 * term, and empty terms count ("aes-" is "aes" followed by an empty PRF).
 *
 * Hand-written rather than a Chevrotain lexer: the delimiter set changes with
 * the release and IKE version, and empty terms between delimiters carry
 * meaning, which a token stream cannot express without padding tricks.
 */

export interface Term {
  readonly text: string;
  /** Offsets inside the whole keyword value. */
  readonly start: number;
  readonly end: number;
  /** The delimiter that ended the term; '' at the end of the proposal. */
  readonly delim: string;
}

export function splitTerms(text: string, offset: number, delimiters: string): Term[] {
  const terms: Term[] = [];
  let from = 0;
  for (;;) {
    let at = from;
    while (at < text.length && !delimiters.includes(text[at])) at++;
    if (at >= text.length) {
      terms.push({ text: text.slice(from), start: offset + from, end: offset + text.length, delim: '' });
      return terms;
    }
    terms.push({ text: text.slice(from, at), start: offset + from, end: offset + at, delim: text[at] });
    from = at + 1;
  }
}

/** A position in the term list with Libreswan's previous/current/next view. */
export class TermCursor {
  private index = 0;
  constructor(private readonly terms: readonly Term[]) {}

  get current(): Term | undefined {
    return this.terms[this.index];
  }
  get next(): Term | undefined {
    return this.terms[this.index + 1];
  }
  /** The delimiter just before the current term ('' at the start). */
  get previousDelim(): string {
    return this.index === 0 ? '' : this.terms[this.index - 1].delim;
  }
  get previous(): Term | undefined {
    return this.terms[this.index - 1];
  }
  get atEnd(): boolean {
    return this.index >= this.terms.length;
  }
  advance(): void {
    this.index++;
  }
  save(): number {
    return this.index;
  }
  restore(mark: number): void {
    this.index = mark;
  }
}

/** Splits a value into its comma-separated proposals, keeping offsets. */
export function splitProposals(value: string): { text: string; start: number; end: number }[] {
  return splitTerms(value, 0, ',').map((t) => ({ text: t.text, start: t.start, end: t.end }));
}
