import type { TextRange } from '../text-range';

/*
 * The ipsec.secrets syntax tree. It is lossless: `SecretsFile.tokens` holds every
 * character of the input in order (trivia included), and records point at those same
 * token objects. Secret data is only ever reachable through offsets and ranges, so a
 * diagnostic can talk about a secret (its length, its format) without quoting it.
 */

export type SecretsTokenKind =
  | 'bom'
  | 'newline'
  | 'whitespace'
  | 'comment'
  | 'word'
  | 'colon'
  | 'double-quoted'
  | 'single-quoted'
  | 'back-quoted'
  /** An opening quote with no partner on its line; the token runs to the line end. */
  | 'unterminated-quoted'
  /** `0t…`, which runs to the end of the line. */
  | 'text-data'
  | 'stray';

export interface SecretsToken {
  readonly kind: SecretsTokenKind;
  readonly text: string;
  /** UTF-16 offset of the first character in `SecretsFile.text`. */
  readonly offset: number;
  readonly range: TextRange;
}

/**
 * What an index selector means to Libreswan (`%any`/`%any6` are handled by the secrets
 * loader itself, everything else as an IKE ID):
 * - `any`/`any6`: any peer identified by an IPv4 / IPv6 address;
 * - `none`: `%none` or `0.0.0.0`, an ID that matches anything;
 * - `ipv4`/`ipv6`: an address (a `:` selects IPv6); `hostname`: a DNS name resolved at load;
 * - `dn`: contains `=`; `der-dn`: `@~hex`; `keyid`: `@#hex` or `@[…]`;
 * - `fqdn`: `@name`; `user-fqdn`: `user@name`;
 * - `unknown-keyword`: some other `%word`, which Libreswan cannot parse.
 */
export type SecretsIndexKind =
  | 'any'
  | 'any6'
  | 'none'
  | 'null'
  | 'fromcert'
  | 'ipv4'
  | 'ipv6'
  | 'hostname'
  | 'dn'
  | 'der-dn'
  | 'keyid'
  | 'fqdn'
  | 'user-fqdn'
  | 'unknown-keyword';

export interface SecretsIndex {
  readonly token: SecretsToken;
  /** The selector without surrounding quotes. Index selectors are not secret. */
  readonly value: string;
  readonly kind: SecretsIndexKind;
  readonly range: TextRange;
}

/**
 * How the secret is written. `quoted` is `"…"` or `'…'`, taken byte for byte. Libreswan
 * does not treat back quotes as quotes here, so a back-quoted secret is decoded like an
 * unquoted one. `invalid` is unquoted data without a 0x/0s/0t prefix.
 */
export type SecretDataFormat = 'quoted' | 'hex' | 'base64' | 'text' | 'invalid';

export interface SecretData {
  readonly token: SecretsToken;
  readonly format: SecretDataFormat;
  readonly quote: '"' | "'" | '`' | null;
  /**
   * The encoded payload inside the token: between the quotes, and after the
   * 0x/0s/0t prefix. Read it with `readSecretPayload`; never put it in a message.
   */
  readonly payloadOffset: number;
  readonly payloadLength: number;
  readonly payloadRange: TextRange;
}

export interface PpkId {
  readonly token: SecretsToken;
  /** The id without its quotes; PPK ids are sent on the wire, so they are not secret. */
  readonly value: string;
  /** Libreswan requires `"…"` or `'…'` around the id. */
  readonly quoted: boolean;
  readonly range: TextRange;
}

interface RecordBase {
  /** From the first to the last significant token of the record. */
  readonly range: TextRange;
  /** The record's significant tokens in order (comments and white space are in `SecretsFile.tokens`). */
  readonly tokens: readonly SecretsToken[];
}

interface SecretRecordBase extends RecordBase {
  readonly indices: readonly SecretsIndex[];
  readonly colon: SecretsToken;
  readonly kindToken: SecretsToken;
  readonly data: SecretData;
  /** Tokens after the secret; Libreswan then drops the whole record (reported). */
  readonly trailing: readonly SecretsToken[];
}

export interface PskRecord extends SecretRecordBase {
  readonly kind: 'psk';
}

export interface XauthRecord extends SecretRecordBase {
  readonly kind: 'xauth';
}

export interface PpksRecord extends SecretRecordBase {
  readonly kind: 'ppks';
  readonly ppkId: PpkId;
}

export interface IncludePath {
  readonly token: SecretsToken;
  /** As written (quotes removed); relative paths are resolved against the including file's directory. */
  readonly value: string;
  readonly range: TextRange;
}

export interface IncludeRecord extends RecordBase {
  readonly kind: 'include';
  readonly keyword: SecretsToken;
  readonly path: IncludePath;
  readonly trailing: readonly SecretsToken[];
}

/** A record with a kind word Libreswan does not load (`RSA`, `ECDSA`, …): skipped with a warning. */
export interface IgnoredRecord extends RecordBase {
  readonly kind: 'ignored';
  readonly indices: readonly SecretsIndex[];
  readonly colon: SecretsToken;
  readonly kindToken: SecretsToken;
  /** Everything after the kind word, e.g. an indented `{ … }` block of an old RSA key. */
  readonly body: readonly SecretsToken[];
}

export type ErrorRecordReason =
  /** The file starts with indented tokens, which Libreswan discards. */
  | 'leading-indentation'
  | 'missing-colon'
  | 'missing-kind'
  | 'missing-data'
  | 'missing-ppk-id'
  | 'missing-ppk'
  | 'missing-include-path';

/** A record Libreswan abandons because it is incomplete; the pieces found are kept. */
export interface ErrorRecord extends RecordBase {
  readonly kind: 'error';
  readonly reason: ErrorRecordReason;
  readonly indices: readonly SecretsIndex[];
  readonly colon: SecretsToken | null;
  readonly kindToken: SecretsToken | null;
  readonly ppkId: PpkId | null;
}

export type SecretsRecord = PskRecord | XauthRecord | PpksRecord | IncludeRecord | IgnoredRecord | ErrorRecord;

export type SecretsSyntaxErrorCode =
  | 'bom'
  | 'line-too-long'
  | 'leading-indentation'
  | 'unterminated-quote'
  | 'colon-not-separated'
  | 'missing-colon'
  | 'missing-kind'
  | 'missing-data'
  | 'data-without-prefix'
  | 'ppk-id-not-quoted'
  | 'missing-ppk-id'
  | 'missing-ppk'
  | 'missing-include-path'
  | 'trailing-tokens';

export interface SecretsSyntaxError {
  readonly code: SecretsSyntaxErrorCode;
  /** `warning` where Libreswan goes on with the same meaning; `error` where it drops or misreads something. */
  readonly severity: 'error' | 'warning';
  /** Says what to do. Never contains secret data. */
  readonly message: string;
  readonly range: TextRange;
}

export interface SecretsFile {
  readonly text: string;
  /** Every token, trivia included; concatenated they are `text`. */
  readonly tokens: readonly SecretsToken[];
  readonly records: readonly SecretsRecord[];
  readonly comments: readonly SecretsToken[];
  readonly errors: readonly SecretsSyntaxError[];
}
