import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { allTokenTypes, BareValue, Braced, Comment, Equals, Gap, Indent, Quoted, Stray, Word } from './tokens';

/**
 * The shape of one physical line, as Chevrotain recognises it. Libreswan's grammar has no
 * construct that spans lines, so each line is parsed on its own: an error never swallows
 * the next line, and recovery is exact (the line is kept as an error line, all of its bytes
 * intact).
 */
export type LineShape =
  | { readonly kind: 'empty'; readonly indent?: IToken; readonly comment?: IToken }
  | { readonly kind: 'header'; readonly words: readonly IToken[]; readonly comment?: IToken }
  | {
      readonly kind: 'assignment';
      readonly indent: IToken;
      readonly key: IToken;
      readonly equals?: IToken;
      readonly value?: IToken;
      /** Tokens after the value that are not a comment: a second statement, a stray quote. */
      readonly extra: readonly IToken[];
      readonly comment?: IToken;
    }
  | { readonly kind: 'indented-words'; readonly indent: IToken; readonly words: readonly IToken[]; readonly comment?: IToken };

class ConfLineParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokenTypes, { recoveryEnabled: false, maxLookahead: 3, skipValidations: true });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', (): LineShape => {
    return this.OR([
      { GATE: () => this.LA(1).tokenType === Indent, ALT: () => this.SUBRULE(this.indentedLine) },
      { ALT: () => this.SUBRULE(this.columnZeroLine) },
    ]);
  });

  private indentedLine = this.RULE('indentedLine', (): LineShape => {
    const indent = this.CONSUME(Indent);
    let shape: LineShape = { kind: 'empty', indent, comment: undefined };
    this.OPTION(() => {
      const key = this.CONSUME(Word);
      this.OPTION2(() => this.CONSUME(Gap));
      shape = this.OR([
        { ALT: () => this.SUBRULE(this.assignmentRest, { ARGS: [indent, key] }) },
        {
          ALT: () => {
            const words: IToken[] = [key];
            this.MANY(() => {
              words.push(this.OR2([{ ALT: () => this.CONSUME2(Word) }, { ALT: () => this.CONSUME(Quoted) }, { ALT: () => this.CONSUME(Braced) }]));
              this.OPTION3(() => this.CONSUME3(Gap));
            });
            return { kind: 'indented-words', indent, words, comment: undefined } as LineShape;
          },
        },
      ]);
    });
    const comment = this.OPTION4(() => this.CONSUME(Comment));
    // Set in place: an object spread here would give every line's shape its own hidden class.
    // ACTION: Chevrotain's grammar recording hands out frozen placeholders, which must not be touched.
    if (comment) this.ACTION(() => ((shape as { comment?: IToken }).comment = comment));
    return shape;
  });

  private assignmentRest = this.RULE('assignmentRest', (indent: IToken, key: IToken): LineShape => {
    const equals = this.CONSUME(Equals);
    this.OPTION(() => this.CONSUME(Gap));
    const value = this.OPTION2(() =>
      this.OR([{ ALT: () => this.CONSUME(Quoted) }, { ALT: () => this.CONSUME(Braced) }, { ALT: () => this.CONSUME(BareValue) }]),
    );
    const extra: IToken[] = [];
    this.MANY(() => {
      this.OR2([
        { ALT: () => this.CONSUME2(Gap) },
        { ALT: () => extra.push(this.CONSUME2(Quoted)) },
        { ALT: () => extra.push(this.CONSUME2(Braced)) },
        { ALT: () => extra.push(this.CONSUME2(BareValue)) },
        { ALT: () => extra.push(this.CONSUME(Stray)) },
      ]);
    });
    return { kind: 'assignment', indent, key, equals, value, extra, comment: undefined };
  });

  private columnZeroLine = this.RULE('columnZeroLine', (): LineShape => {
    const words: IToken[] = [];
    this.MANY(() => {
      words.push(this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(Quoted) }, { ALT: () => this.CONSUME(Braced) }]));
      this.OPTION(() => this.CONSUME(Gap));
    });
    const comment = this.OPTION2(() => this.CONSUME(Comment));
    return words.length === 0 ? { kind: 'empty', comment } : { kind: 'header', words, comment };
  });
}

/** Built on first use, like the lexer: Chevrotain's grammar analysis costs start-up time. */
let parser: ConfLineParser | undefined;

/** Parses the significant tokens of one line (no newline); undefined when the line has no valid shape. */
export function parseLineShape(tokens: IToken[]): LineShape | undefined {
  parser ??= new ConfLineParser();
  parser.input = tokens;
  const shape = parser.line();
  if (parser.errors.length > 0) return undefined;
  return shape;
}
