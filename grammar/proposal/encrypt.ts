/**
 * Encryption tokens with their key-length spellings: `aes`, `aes-128`,
 * `aes128`, `aes_128`, `aes_gcm_16_256`. Every release since 4.x reads them
 * the same way: a `-` followed by a term starting with a digit is a key
 * length; otherwise trailing digits are tried as one when the whole name fails.
 */
import { error, lookupEncrypt, TYPE_LABEL, type Span } from './lookup';
import type { ProposalState } from './state';
import type { TermCursor } from './terms';
import type { ProposalDiagnostic } from './types';

/** Libreswan rejects lengths that do not fit a C int. */
const KEY_LENGTH_LIMIT = 2 ** 31 - 1;

function parseKeyLength(digits: string, span: Span): number | ProposalDiagnostic {
  if (!/^[0-9]+$/.test(digits)) {
    return error('bad-key-length', `'${digits}' is not a key length; key lengths are whole numbers of bits such as 128 or 256.`, span);
  }
  const value = Number(digits);
  if (value >= KEY_LENGTH_LIMIT) return error('bad-key-length', `Key length ${digits} is far too large; use 128, 192 or 256.`, span);
  if (value === 0) return error('bad-key-length', `A key length of 0 is not allowed; leave the length out to offer the defaults.`, span);
  return value;
}

export function emptyDiagnostic(what: string, span: Span): ProposalDiagnostic {
  return error('empty', `A ${what} is missing here (two delimiters in a row, or one at an end); write one or remove the extra delimiter.`, span);
}

/** Parses one encryption token (possibly with a following `-<keylen>` term). */
export function parseEncrypt(state: ProposalState, cursor: TermCursor): boolean {
  const term = cursor.current;
  if (term === undefined || term.text === '') {
    const at = term ?? cursor.previous ?? { start: state.span.start, end: state.span.start };
    return state.fail(emptyDiagnostic(TYPE_LABEL.encrypt, { start: at.start, end: at.end }));
  }
  const next = cursor.next;
  if (term.delim === '-' && next !== undefined && /^[0-9]/.test(next.text)) {
    const span = { start: term.start, end: next.end };
    const keyLength = parseKeyLength(next.text, span);
    if (typeof keyLength !== 'number') return state.fail(keyLength);
    const found = lookupEncrypt(term.text, keyLength, span, state.options);
    if (found.error) return state.fail(found.error);
    state.append('encrypt', found.algorithm, keyLength, { text: `${term.text}-${next.text}`, ...span });
    cursor.advance();
    cursor.advance();
    return true;
  }
  const span = { start: term.start, end: term.end };
  const whole = lookupEncrypt(term.text, 0, span, state.options);
  if (whole.algorithm) {
    state.append('encrypt', whole.algorithm, 0, { text: term.text, ...span });
    cursor.advance();
    return true;
  }
  const split = /^(.*?)([0-9]+)$/.exec(term.text);
  if (split === null) return state.fail(whole.error);
  // When the whole name was recognised but refused (FIPS, wrong protocol), that
  // reason beats whatever the digit-stripped retry says: 'chacha20_poly1305'
  // is not 'chacha20_poly' with a 1305-bit key.
  const better = (retry: ProposalDiagnostic): ProposalDiagnostic => (whole.error.code === 'unknown-algorithm' ? retry : whole.error);
  const keyLength = parseKeyLength(split[2], span);
  if (typeof keyLength !== 'number') return state.fail(better(keyLength));
  const name = split[1].endsWith('_') ? split[1].slice(0, -1) : split[1];
  const found = lookupEncrypt(name, keyLength, span, state.options);
  if (found.error) return state.fail(better(found.error));
  state.append('encrypt', found.algorithm, keyLength, { text: term.text, ...span });
  cursor.advance();
  return true;
}

/** `enc[+enc...]`: IKEv2 may list several ciphers in one proposal. */
export function parseEncrypts(state: ProposalState, cursor: TermCursor): boolean {
  if (!parseEncrypt(state, cursor)) return false;
  while (cursor.previousDelim === '+') {
    if (!parseEncrypt(state, cursor)) return false;
  }
  return true;
}
