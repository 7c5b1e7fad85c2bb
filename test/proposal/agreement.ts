/**
 * Shared helpers for the agreement tests: a stable key per case, and the
 * documented disagreements read from docs/proposal-disagreements.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CaseKey {
  readonly fips: boolean;
  readonly ikeVersion: 1 | 2;
  readonly pfs: boolean;
  readonly keyword: string;
  readonly value: string | null;
}

/** e.g. `fips v2 pfs esp=aes-sha1` or `v1 ike` for the default list. */
export function caseKey(c: CaseKey): string {
  return `${c.fips ? 'fips ' : ''}v${c.ikeVersion}${c.pfs ? ' pfs' : ''} ${c.keyword}${c.value === null ? '' : `=${c.value}`}`;
}

const DOC = fileURLToPath(new URL('../../docs/proposal-disagreements.md', import.meta.url));

/** The case keys listed (as "- `key` — reason") under a `## heading` of the doc. */
export function documentedDisagreements(heading: string): string[] {
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const keys: string[] = [];
  let inSection = false;
  for (const line of lines) {
    if (line.startsWith('## ')) inSection = line.slice(3).trim() === heading;
    else if (inSection) {
      const match = /^- `([^`]+)`/.exec(line);
      if (match) keys.push(match[1]);
    }
  }
  return keys;
}

export function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(2)}%`;
}
