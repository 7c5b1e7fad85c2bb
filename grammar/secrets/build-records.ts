import type { IToken } from 'chevrotain';
import type { TextRange } from '../text-range';
import { classifyData, classifyIndex, quoteOf, unquotedText } from './classify';
import type { IncludeShape, RecordShape, SecretShape } from './parser';
import type {
  ErrorRecord,
  ErrorRecordReason,
  PpkId,
  SecretData,
  SecretsIndex,
  SecretsRecord,
  SecretsSyntaxError,
  SecretsSyntaxErrorCode,
  SecretsToken,
} from './syntax-tree';

/*
 * Turns the shape the Chevrotain grammar found into a typed record, and judges it the way
 * Libreswan's loader (lib/libswan/secrets.c) would. Messages never quote a token that
 * could hold a secret: from the `:` on, and in any record whose `:` is missing (where a
 * secret may sit among what looks like the index list), only positions and kinds are used.
 */

export type ErrorSink = (code: SecretsSyntaxErrorCode, severity: 'error' | 'warning', message: string, range: TextRange) => void;

export function spanOf(tokens: readonly SecretsToken[]): TextRange {
  return { start: tokens[0].range.start, end: tokens[tokens.length - 1].range.end };
}

/** A sub-range of a one-line token, by character offsets inside it. */
function insideToken(token: SecretsToken, start: number, end: number): TextRange {
  const { line, character } = token.range.start;
  return { start: { line, character: character + start }, end: { line, character: character + end } };
}

function toIndex(token: SecretsToken): SecretsIndex {
  const value = unquotedText(token);
  return { token, value, kind: classifyIndex(value), range: token.range };
}

function toData(token: SecretsToken): SecretData {
  const shape = classifyData(token);
  return {
    token,
    format: shape.format,
    quote: shape.quote,
    payloadOffset: token.offset + shape.payloadStart,
    payloadLength: shape.payloadEnd - shape.payloadStart,
    payloadRange: insideToken(token, shape.payloadStart, shape.payloadEnd),
  };
}

function toPpkId(token: SecretsToken): PpkId {
  const quote = quoteOf(token);
  return { token, value: unquotedText(token), quoted: quote === '"' || quote === "'", range: token.range };
}

export class RecordBuilder {
  constructor(
    private readonly tokenOf: (token: IToken) => SecretsToken,
    private readonly report: ErrorSink,
  ) {}

  build(shape: RecordShape, tokens: readonly SecretsToken[]): SecretsRecord {
    return shape.type === 'include' ? this.include(shape, tokens) : this.secret(shape, tokens);
  }

  /** Tokens before the first record (an indented start of file): Libreswan discards them. */
  leadingIndentation(tokens: readonly SecretsToken[]): ErrorRecord {
    this.report(
      'leading-indentation',
      'warning',
      'The file starts with an indented line, which Libreswan reads as the continuation of a record that does not exist and discards. Start the first record in column 0.',
      spanOf(tokens),
    );
    return this.error('leading-indentation', tokens, { indices: [] });
  }

  private include(shape: IncludeShape, tokens: readonly SecretsToken[]): SecretsRecord {
    const keyword = this.tokenOf(shape.keyword);
    const [pathToken, ...trailing] = shape.operands.map(this.tokenOf);
    if (pathToken === undefined) {
      this.report('missing-include-path', 'error', 'Add the file to include after "include", e.g. "include /etc/ipsec.d/*.secrets".', keyword.range);
      return this.error('missing-include-path', tokens, { indices: [] });
    }
    if (trailing.length > 0) {
      this.report(
        'trailing-tokens',
        'error',
        'Libreswan ignores this include because more follows the file name. Remove the extra text, or quote a file name that contains blanks.',
        spanOf(trailing),
      );
    }
    const path = { token: pathToken, value: unquotedText(pathToken), range: pathToken.range };
    return { kind: 'include', range: spanOf(tokens), tokens, keyword, path, trailing };
  }

  private secret(shape: SecretShape, tokens: readonly SecretsToken[]): SecretsRecord {
    if (shape.colon === undefined) return this.missingColon(shape, tokens);
    const indices = shape.indices.map((t) => toIndex(this.tokenOf(t)));
    const colon = this.tokenOf(shape.colon);
    if (shape.kindToken === undefined || shape.kindWord === undefined) {
      this.report('missing-kind', 'error', 'Add the kind of secret after ":" (PSK, XAUTH or PPKS) and then the secret, e.g. `: PSK "a long random secret"`.', colon.range);
      return this.error('missing-kind', tokens, { indices, colon });
    }
    const kindToken = this.tokenOf(shape.kindToken);
    const operands = shape.operands.map(this.tokenOf);
    const range = spanOf(tokens);
    const base = { range, tokens, indices, colon, kindToken };
    switch (shape.kindWord) {
      case 'other':
        // Libreswan logs "ignored unrecognized keyword" and skips the record; the rules
        // decide how loudly to say so (RSA keys moved to the NSS database in 4.0).
        return { ...base, kind: 'ignored', body: operands };
      case 'psk':
      case 'xauth': {
        const [dataToken, ...trailing] = operands;
        const name = shape.kindWord === 'psk' ? 'PSK' : 'XAUTH';
        if (dataToken === undefined) {
          this.report('missing-data', 'error', `Add the secret after ${name}: a quoted string, or 0x (hex), 0s (base64) or 0t (text) data.`, kindToken.range);
          return this.error('missing-data', tokens, { indices, colon, kindToken });
        }
        const data = this.data(dataToken, trailing, name);
        return { ...base, kind: shape.kindWord, data, trailing };
      }
      case 'ppks': {
        const [idToken, dataToken, ...trailing] = operands;
        if (idToken === undefined) {
          this.report('missing-ppk-id', 'error', 'Add the PPK id in quotes after PPKS, then the PPK, e.g. `: PPKS "ppk-1" 0s…`.', kindToken.range);
          return this.error('missing-ppk-id', tokens, { indices, colon, kindToken });
        }
        const ppkId = toPpkId(idToken);
        if (!ppkId.quoted) {
          this.report('ppk-id-not-quoted', 'error', 'Put the PPK id in double or single quotes; Libreswan rejects an unquoted PPK id.', idToken.range);
        }
        if (dataToken === undefined) {
          this.report('missing-ppk', 'error', 'Add the PPK after its id: a quoted string, or 0x (hex), 0s (base64) or 0t (text) data.', idToken.range);
          return this.error('missing-ppk', tokens, { indices, colon, kindToken, ppkId });
        }
        const data = this.data(dataToken, trailing, 'PPK');
        return { ...base, kind: 'ppks', ppkId, data, trailing };
      }
    }
  }

  private missingColon(shape: SecretShape, tokens: readonly SecretsToken[]): ErrorRecord {
    // `@west :PSK "…"`: the scanner only splits a `:` off the end of a token.
    const glued = shape.indices.map(this.tokenOf).find((t) => t.kind === 'word' && t.text.length > 1 && t.text.startsWith(':'));
    if (glued !== undefined) {
      this.report(
        'colon-not-separated',
        'error',
        'Put a blank after ":". Libreswan only recognises ":" standing alone or at the end of an index, so this record has no ":" and is skipped.',
        insideToken(glued, 0, 1),
      );
    } else {
      this.report(
        'missing-colon',
        'error',
        'This record has no ":" so Libreswan skips it. Write the indices, then ":", then the kind and the secret (`@west @east : PSK "…"`); if the record continues on the next line, indent that line.',
        spanOf(tokens),
      );
    }
    // Without the `:` a secret may be among these tokens, so none is offered as an index.
    return this.error('missing-colon', tokens, { indices: [] });
  }

  private data(token: SecretsToken, trailing: readonly SecretsToken[], name: string): SecretData {
    const data = toData(token);
    // An unterminated quote is already reported where it is lexed.
    if (data.format === 'invalid' && token.kind !== 'unterminated-quoted') {
      const hint = data.quote === '`' ? ' Back quotes do not quote a secret here; use double quotes.' : '';
      this.report(
        'data-without-prefix',
        'error',
        `Put the ${name} in double quotes, or write it as 0x (hex), 0s (base64) or 0t (text) data; Libreswan rejects unquoted data without one of these prefixes.${hint}`,
        token.range,
      );
    }
    if (trailing.length > 0) {
      const upperT = token.kind === 'word' && token.text.startsWith('0T');
      const hint = upperT ? ' Only a lower-case 0t takes the rest of the line; write 0t, not 0T.' : ' Quote a secret that contains blanks.';
      this.report('trailing-tokens', 'error', `Libreswan skips this whole record because something follows the ${name}.${hint}`, spanOf(trailing));
    }
    return data;
  }

  private error(
    reason: ErrorRecordReason,
    tokens: readonly SecretsToken[],
    parts: { indices: readonly SecretsIndex[]; colon?: SecretsToken; kindToken?: SecretsToken; ppkId?: PpkId },
  ): ErrorRecord {
    return {
      kind: 'error',
      reason,
      range: spanOf(tokens),
      tokens,
      indices: parts.indices,
      colon: parts.colon ?? null,
      kindToken: parts.kindToken ?? null,
      ppkId: parts.ppkId ?? null,
    };
  }
}
