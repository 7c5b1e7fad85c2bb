import type { SecretsFile, SecretsToken } from '../../grammar/secrets';
import { dominantLineEnding, formatControlFile } from './format-control-file';
import { indentText, type FormatOptions } from './format-options';
import type { FormatOutcome } from './formatted-lines';

/** Formats ipsec.secrets; see format-control-file.ts for the layout and why it is safe. */
export function formatSecrets(file: SecretsFile, options: FormatOptions): FormatOutcome {
  return formatControlFile(file.tokens, file.errors, dominantLineEnding(file.text), indentText(options.indent));
}

const SECRET_PLACEHOLDER = '<secret>';

/**
 * The text with every secret replaced by a fixed placeholder (whatever its length), for
 * showing a diff of a secrets file. Formatting never changes a secret token, so a diff of
 * the masked texts shows exactly the layout changes. Besides PSK/XAUTH/PPKS data, the body
 * of an ignored record (an old `: RSA { … }` block holds private key fields) is masked,
 * except its braces and field names.
 */
export function maskSecrets(file: SecretsFile): string {
  const masked = new Set<SecretsToken>();
  for (const record of file.records) {
    if (record.kind === 'psk' || record.kind === 'xauth' || record.kind === 'ppks') masked.add(record.data.token);
    if (record.kind === 'ignored') {
      for (const token of record.body) if (!/^[{}]$|:$/.test(token.text) && token.kind !== 'comment') masked.add(token);
    }
    if (record.kind === 'error' || (record.kind !== 'include' && record.kind !== 'ignored' && record.trailing.length > 0)) {
      // An incomplete or overlong record may hold a secret where the grammar did not expect one.
      for (const token of record.tokens) if (token !== record.tokens[0]) masked.add(token);
    }
  }
  return file.tokens.map((t) => (masked.has(t) ? SECRET_PLACEHOLDER : t.text)).join('');
}
