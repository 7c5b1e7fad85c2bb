import { parseConf } from '../../grammar/conf/parse';
import type { ConfFile } from '../../grammar/conf/syntax-tree';
import { parsePolicyGroup, type PolicyGroupFile } from '../../grammar/policy';
import { parseSecrets, type SecretsFile } from '../../grammar/secrets';
import type { DocumentKind } from './document-kind';

/**
 * Ceiling on what the service parses. Real ipsec.conf files are kilobytes; the parsers take
 * several seconds per megabyte, and a language server that blocks that long on a stray log
 * file opened by mistake stops answering everything else.
 */
export const DEFAULT_MAX_DOCUMENT_LENGTH = 512 * 1024;

/** A document the service will not read: binary content, or over the size ceiling. */
export interface SkippedDocument {
  readonly kind: 'skipped';
  readonly documentKind: DocumentKind;
  readonly reason: 'binary' | 'too-large';
  readonly message: string;
}

export type ParsedDocument =
  | { readonly kind: 'conf'; readonly conf: ConfFile }
  | { readonly kind: 'secrets'; readonly secrets: SecretsFile }
  | { readonly kind: 'policy'; readonly policy: PolicyGroupFile }
  | SkippedDocument;

export function parseDocument(text: string, kind: DocumentKind, maxLength: number): ParsedDocument {
  if (text.includes('\u0000')) {
    return { kind: 'skipped', documentKind: kind, reason: 'binary', message: 'binary file (contains NUL bytes): not an IPsec configuration, not checked' };
  }
  if (text.length > maxLength) {
    const size = `${(text.length / 1024 / 1024).toFixed(1)} MB`;
    return { kind: 'skipped', documentKind: kind, reason: 'too-large', message: `file too large to check while editing (${size}, limit ${Math.round(maxLength / 1024)} KB); run ipsec-lint on it instead` };
  }
  switch (kind) {
    case 'conf':
      return { kind, conf: parseConf(text) };
    case 'secrets':
      return { kind, secrets: parseSecrets(text) };
    case 'policy':
      return { kind, policy: parsePolicyGroup(text) };
  }
}
