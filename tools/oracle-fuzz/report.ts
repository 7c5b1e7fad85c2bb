// Groups disagreements by pluto's reason, normalised so that the same check on different
// values lands in one group, and prints the summary `npm run oracle:fuzz` shows.
import type { ConnOutcome } from './judge';

export interface Disagreement extends ConnOutcome {
  readonly file: string;
}

/** pluto's reason without the conn name, addresses, numbers and quoted values. */
export function normaliseReason(text: string): string {
  return text
    .split(' / ')[0]
    .replace(/^(warning: )?"[^"]*"(\[\d+\])?: /, '')
    .replace(/^failed to add connection: /, '')
    .replace(/^(ERROR|FATAL)?:?\s*/, '')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d+)?\b/g, '<ip>')
    .replace(/\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d+)?/gi, '<ip>')
    .replace(/conn '[^']*'/g, "conn '<c>'")
    .replace(/"[^"]*"/g, '"<v>"')
    .replace(/\b\d+\b/g, '<n>')
    .slice(0, 160);
}

/** ipsec-lint's side: the rule id and the start of its message, numbers and values masked. */
export function normaliseLint(text: string): string {
  const [rule, ...rest] = text.split(': ');
  return `${rule}: ${normaliseReason(rest.join(': ')).slice(0, 100)}`;
}

export interface Group<T extends Disagreement = Disagreement> {
  readonly key: string;
  readonly items: readonly T[];
}

export function groupDisagreements<T extends Disagreement>(list: readonly T[]): Group<T>[] {
  const groups = new Map<string, T[]>();
  for (const d of list) {
    const key = d.pluto ? `pluto refuses, ipsec-lint accepts: ${normaliseReason(d.plutoReason)}` : `ipsec-lint refuses, pluto accepts: ${normaliseLint(d.lintReason)}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups].map(([key, items]) => ({ key, items })).sort((a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key));
}

export function percent(agreed: number, total: number): string {
  return total === 0 ? 'n/a' : `${((agreed / total) * 100).toFixed(2)}%`;
}

export function formatGroups(groups: readonly Group[], examples = 1): string {
  const out: string[] = [];
  for (const g of groups) {
    out.push(`  ${g.items.length} × ${g.key}`);
    for (const d of g.items.slice(0, examples)) {
      out.push(`      e.g. ${d.file} conn ${d.conn}`);
      out.push(`        pluto: ${d.pluto ? d.plutoReason.slice(0, 200) : 'holds the conn'}`);
      out.push(`        ipsec-lint: ${d.lint ? d.lintReason.slice(0, 200) : 'no refusal'}`);
    }
  }
  return out.join('\n');
}
