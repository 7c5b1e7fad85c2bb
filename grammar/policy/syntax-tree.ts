import type { TextRange } from '../text-range';

/*
 * The syntax tree of a policy group file (/etc/ipsec.d/policies/private, clear, block,
 * private-or-clear, clear-or-private, or a custom group). Lossless like the secrets
 * tree: `tokens` holds every character, entries point at those tokens.
 *
 * An entry is `ADDRESS-OR-CIDR [PROTOCOL SOURCE-PORT DEST-PORT]`. Pluto reads these
 * files with the same scanner as ipsec.secrets, so an entry may continue on indented
 * lines and `#` opens a comment only where a token could start.
 */

export type PolicyTokenKind =
  | 'bom'
  | 'newline'
  | 'whitespace'
  | 'comment'
  | 'word'
  /** A `"…"`, `'…'` or `` `…` `` token; pluto strips the quotes. */
  | 'quoted'
  | 'unterminated-quoted'
  | 'stray';

export interface PolicyToken {
  readonly kind: PolicyTokenKind;
  readonly text: string;
  readonly offset: number;
  readonly range: TextRange;
}

export interface PolicyField {
  readonly token: PolicyToken;
  /** The text pluto sees: quotes removed. Not validated here (the rules use ipaddr.js). */
  readonly value: string;
  readonly range: TextRange;
}

export interface PolicyEntry {
  /** The address or CIDR, e.g. `192.0.2.0/24` or `2001:db8::/32`. */
  readonly address: PolicyField;
  /** Optional narrowing: protocol, source port, destination port (all three or none). */
  readonly protocol: PolicyField | null;
  readonly sourcePort: PolicyField | null;
  readonly destinationPort: PolicyField | null;
  /** Tokens after the destination port; pluto stops reading the file there. */
  readonly trailing: readonly PolicyToken[];
  /** The entry's significant tokens, in order. */
  readonly tokens: readonly PolicyToken[];
  readonly range: TextRange;
}

export type PolicySyntaxErrorCode = 'bom' | 'leading-indentation' | 'unterminated-quote' | 'missing-ports' | 'trailing-tokens' | 'line-too-long';

export interface PolicySyntaxError {
  readonly code: PolicySyntaxErrorCode;
  readonly severity: 'error' | 'warning';
  /** Says what to do. */
  readonly message: string;
  readonly range: TextRange;
}

export interface PolicyGroupFile {
  readonly text: string;
  readonly tokens: readonly PolicyToken[];
  readonly entries: readonly PolicyEntry[];
  /** Indented tokens before the first entry; their presence makes pluto skip the whole file. */
  readonly leading: readonly PolicyToken[];
  readonly comments: readonly PolicyToken[];
  readonly errors: readonly PolicySyntaxError[];
}
