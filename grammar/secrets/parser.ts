import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { Colon, Include, Operand, Ppks, Psk, secretsTokenTypes, Significant, Xauth } from './tokens';

/*
 * The grammar of one record, run on that record's significant tokens. Records are cut
 * apart before parsing (a token in column 0 starts one), which is exactly Libreswan's
 * recovery unit: whatever goes wrong inside a record, the next record is read afresh.
 * The grammar accepts every token sequence on purpose; what Libreswan would reject is
 * judged afterwards (build-records.ts), where the messages can say what to do.
 *
 *   record  = "include" [operand] {token}
 *           | {index} [":" [kind]]
 *   kind    = ("PSK" | "XAUTH") [data] {token}
 *           | "PPKS" [ppk-id [data]] {token}
 *           | other-token {token}              (RSA, ECDSA, …: ignored by Libreswan)
 */

export type SecretKindWord = 'psk' | 'xauth' | 'ppks' | 'other';

export interface SecretShape {
  readonly type: 'secret';
  readonly indices: readonly IToken[];
  readonly colon: IToken | undefined;
  readonly kindWord: SecretKindWord | undefined;
  readonly kindToken: IToken | undefined;
  /** The tokens after the kind word, in order (PPK id, data, leftovers, or a legacy body). */
  readonly operands: readonly IToken[];
}

export interface IncludeShape {
  readonly type: 'include';
  readonly keyword: IToken;
  readonly operands: readonly IToken[];
}

export type RecordShape = SecretShape | IncludeShape;

class SecretsRecordParser extends EmbeddedActionsParser {
  constructor() {
    super(secretsTokenTypes, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  public readonly record = this.RULE('record', (): RecordShape => {
    return this.OR([
      // `include` opens an include record only as the record's first token; later
      // on it is an ordinary index word, which the other alternative also accepts.
      { ALT: () => this.SUBRULE(this.includeRecord), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.secretRecord) },
    ]);
  });

  private readonly includeRecord = this.RULE('includeRecord', (): IncludeShape => {
    const keyword = this.CONSUME(Include);
    const operands = this.restOfRecord();
    return { type: 'include', keyword, operands };
  });

  private readonly secretRecord = this.RULE('secretRecord', (): SecretShape => {
    const indices: IToken[] = [];
    let colon: IToken | undefined;
    let kindWord: SecretKindWord | undefined;
    let kindToken: IToken | undefined;
    let operands: IToken[] = [];
    this.MANY(() => {
      indices.push(this.CONSUME(Operand));
    });
    this.OPTION(() => {
      colon = this.CONSUME(Colon);
      this.OPTION2(() => {
        kindToken = this.OR([
          { ALT: () => { kindWord = 'psk'; return this.CONSUME(Psk); }, IGNORE_AMBIGUITIES: true },
          { ALT: () => { kindWord = 'xauth'; return this.CONSUME(Xauth); }, IGNORE_AMBIGUITIES: true },
          { ALT: () => { kindWord = 'ppks'; return this.CONSUME(Ppks); }, IGNORE_AMBIGUITIES: true },
          { ALT: () => { kindWord = 'other'; return this.CONSUME(Significant); } },
        ]);
        operands = this.restOfRecord();
      });
    });
    return { type: 'secret', indices, colon, kindWord, kindToken, operands };
  });

  private restOfRecord(): IToken[] {
    const rest: IToken[] = [];
    this.MANY9(() => {
      rest.push(this.CONSUME9(Significant));
    });
    return rest;
  }
}

// Self-analysis is the costly part of a Chevrotain parser; do it once per process.
let shared: SecretsRecordParser | undefined;

export interface RecordParseResult {
  readonly shape: RecordShape | undefined;
  /** Chevrotain's own complaints; the grammar accepts everything, so these mean a bug. */
  readonly internalErrors: readonly string[];
}

export function parseRecordTokens(tokens: readonly IToken[]): RecordParseResult {
  shared ??= new SecretsRecordParser();
  shared.input = [...tokens];
  const shape = shared.record();
  return { shape, internalErrors: shared.errors.map((e) => e.message) };
}

