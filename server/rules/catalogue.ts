import type { RuleMeta } from './rule';
import { confRules, policyRules, secretsRules } from './registry';
import { leftRightRules } from './left-right';
import { transportRules } from './transport';
import { cryptoRules } from './crypto';

/** The folder a rule lives in under server/rules/: how the docs and `--list-rules` group rules. */
export type RuleFamily = 'conf' | 'left-right' | 'transport' | 'crypto' | 'secrets' | 'policy';

export interface CatalogueEntry {
  readonly meta: RuleMeta;
  readonly family: RuleFamily;
}

/** Every rule once, in registry order, with its family (read off the family's index, not guessed from the id). */
export function ruleCatalogue(): CatalogueEntry[] {
  const families = new Map<string, RuleFamily>();
  for (const r of leftRightRules) families.set(r.meta.id, 'left-right');
  for (const r of transportRules) families.set(r.meta.id, 'transport');
  for (const r of cryptoRules) families.set(r.meta.id, 'crypto');
  const entries: CatalogueEntry[] = [];
  const seen = new Set<string>();
  const add = (meta: RuleMeta, family: RuleFamily): void => {
    if (seen.has(meta.id)) return;
    seen.add(meta.id);
    entries.push({ meta, family });
  };
  for (const r of confRules) add(r.meta, families.get(r.meta.id) ?? 'conf');
  for (const r of secretsRules) add(r.meta, 'secrets');
  for (const r of policyRules) add(r.meta, 'policy');
  return entries;
}

/** Every rule id a setting or a suppression comment may name. */
export function knownRuleIds(): ReadonlySet<string> {
  return new Set(ruleCatalogue().map((e) => e.meta.id));
}
