import type { SecretDataFormat, SecretsIndexKind, SecretsToken } from './syntax-tree';

/*
 * Syntactic classification only: what Libreswan will try to read a token as. Whether
 * an address parses or hex data decodes is for the rules, which can afford ipaddr.js
 * and a decoder and can say more.
 */

const QUOTES: Readonly<Record<string, '"' | "'" | '`'>> = {
  'double-quoted': '"',
  'single-quoted': "'",
  'back-quoted': '`',
};

/** The quote character of a terminated quoted token, or null. */
export function quoteOf(token: SecretsToken): '"' | "'" | '`' | null {
  return QUOTES[token.kind] ?? null;
}

/**
 * The token as Libreswan's scanner hands it on: terminated quotes of all three kinds are
 * stripped; an unterminated quote keeps its opening quote character.
 */
export function unquotedText(token: SecretsToken): string {
  return quoteOf(token) === null ? token.text : token.text.slice(1, -1);
}

/** Mirrors the order of the secrets loader (%any/%any6 first) and of the ID parser. */
export function classifyIndex(value: string): SecretsIndexKind {
  switch (value) {
    case '%any':
      return 'any';
    case '%any6':
      return 'any6';
    case '%fromcert':
      return 'fromcert';
    case '%none':
    case '0.0.0.0':
      return 'none';
    case '%null':
      return 'null';
  }
  if (value.includes('=')) return 'dn';
  if (!value.includes('@')) {
    if (value.startsWith('%')) return 'unknown-keyword';
    // Libreswan picks the address family by the mere presence of a colon.
    if (value.includes(':')) return 'ipv6';
    return /^[0-9.]+$/.test(value) ? 'ipv4' : 'hostname';
  }
  if (value.startsWith('@#') || value.startsWith('@[')) return 'keyid';
  if (value.startsWith('@~')) return 'der-dn';
  if (value.startsWith('@')) return 'fqdn';
  return 'user-fqdn';
}

export interface DataShape {
  readonly format: SecretDataFormat;
  readonly quote: '"' | "'" | '`' | null;
  /** Payload position relative to the token start. */
  readonly payloadStart: number;
  readonly payloadEnd: number;
}

const PREFIX_FORMATS: Readonly<Record<string, SecretDataFormat>> = { x: 'hex', s: 'base64', t: 'text' };

/**
 * Only `"…"` and `'…'` make a secret literal bytes; anything else (back quotes
 * included, whose quotes the scanner has already stripped) must carry a 0x/0s/0t prefix.
 */
export function classifyData(token: SecretsToken): DataShape {
  const quote = quoteOf(token);
  const innerStart = quote === null ? 0 : 1;
  const innerEnd = quote === null ? token.text.length : token.text.length - 1;
  if (quote === '"' || quote === "'") {
    return { format: 'quoted', quote, payloadStart: innerStart, payloadEnd: innerEnd };
  }
  const inner = token.text.slice(innerStart, innerEnd);
  const format = inner[0] === '0' ? PREFIX_FORMATS[(inner[1] ?? '').toLowerCase()] : undefined;
  if (format === undefined) {
    return { format: 'invalid', quote, payloadStart: innerStart, payloadEnd: innerEnd };
  }
  return { format, quote, payloadStart: innerStart + 2, payloadEnd: innerEnd };
}
