import type { TextRange } from '../text-range';

/** The kinds of token of ipsec.conf; every byte of a file is in exactly one token. */
export type ConfTokenKind =
  | 'bom'
  | 'newline'
  | 'indent'
  | 'gap'
  | 'comment'
  | 'equals'
  | 'quoted'
  | 'braced'
  | 'word'
  | 'bare'
  | 'stray';

export interface ConfToken {
  readonly kind: ConfTokenKind;
  readonly text: string;
  readonly offset: number;
  readonly range: TextRange;
}

/** A value as written (`raw`) and as Libreswan reads it (`text`, quotes or braces stripped). */
export interface ValueNode {
  readonly text: string;
  readonly raw: string;
  readonly quoting: 'bare' | 'double' | 'brace';
  readonly token: ConfToken;
  readonly range: TextRange;
}

interface LineBase {
  /** 0-based line number. */
  readonly line: number;
  /** Every token of the line, its newline included: printing them gives the line back. */
  readonly tokens: readonly ConfToken[];
  /** The line without its newline. */
  readonly range: TextRange;
  readonly comment?: ConfToken;
}

export interface BlankLine extends LineBase {
  readonly kind: 'blank';
}
export interface CommentLine extends LineBase {
  readonly kind: 'comment';
  readonly comment: ConfToken;
}
export interface SetupHeaderLine extends LineBase {
  readonly kind: 'setup-header';
  readonly keyword: ConfToken;
}
export interface ConnHeaderLine extends LineBase {
  readonly kind: 'conn-header';
  readonly keyword: ConfToken;
  readonly name: ValueNode;
}
export interface IncludeLine extends LineBase {
  readonly kind: 'include';
  readonly keyword: ConfToken;
  readonly path: ValueNode;
}
export interface VersionLine extends LineBase {
  readonly kind: 'version';
  readonly keyword: ConfToken;
  readonly value: ValueNode;
}
export interface AssignmentLine extends LineBase {
  readonly kind: 'assignment';
  readonly indent: ConfToken;
  readonly key: ConfToken;
  /** Absent only for X- comment keys written without `=`. */
  readonly equals?: ConfToken;
  /** Absent for `key=` with nothing after it: Libreswan stores an empty string. */
  readonly value?: ValueNode;
  /** True for `X-…`/`x_…` keys, which Libreswan keeps as comments. */
  readonly isCommentKey: boolean;
}
/** A line the grammar cannot read; its tokens are kept as they are. */
export interface ErrorLine extends LineBase {
  readonly kind: 'error';
  readonly message: string;
  /** The part of the line the message is about. */
  readonly errorRange: TextRange;
}

export type ConfLine =
  | BlankLine
  | CommentLine
  | SetupHeaderLine
  | ConnHeaderLine
  | IncludeLine
  | VersionLine
  | AssignmentLine
  | ErrorLine;

export interface SetupSection {
  readonly kind: 'setup';
  readonly header: SetupHeaderLine;
  readonly body: readonly ConfLine[];
}
export interface ConnSection {
  readonly kind: 'conn';
  readonly header: ConnHeaderLine;
  readonly name: string;
  readonly body: readonly ConfLine[];
}
export interface IncludeDirective {
  readonly kind: 'include';
  readonly header: IncludeLine;
  /** Comment and blank lines that follow, up to the next section. */
  readonly body: readonly ConfLine[];
}
export interface VersionDirective {
  readonly kind: 'version';
  readonly header: VersionLine;
  readonly body: readonly ConfLine[];
}
export type ConfSection = SetupSection | ConnSection | IncludeDirective | VersionDirective;

export interface ConfSyntaxError {
  readonly message: string;
  readonly range: TextRange;
}

export interface ConfFile {
  readonly text: string;
  readonly lines: readonly ConfLine[];
  /** Lines before the first section (comments, blanks, stray lines). */
  readonly preamble: readonly ConfLine[];
  readonly sections: readonly ConfSection[];
  readonly errors: readonly ConfSyntaxError[];
  readonly hasBom: boolean;
  /** The line ending the file mostly uses, for writers that must keep it. */
  readonly eol: '\n' | '\r\n';
}
