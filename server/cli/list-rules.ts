import { ruleCatalogue } from '../rules/catalogue';
import { DEFAULT_RULE_DOCS_BASE_URL, ruleDocsHref } from '../service/rule-docs';

export interface ListedRule {
  readonly id: string;
  readonly family: string;
  readonly defaultSeverity: string;
  readonly fixable: boolean;
  readonly docs: string | undefined;
  readonly description: string;
}

export function listedRules(): ListedRule[] {
  return ruleCatalogue().map(({ meta, family }) => ({
    id: meta.id,
    family,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable === true,
    docs: DEFAULT_RULE_DOCS_BASE_URL ? ruleDocsHref(DEFAULT_RULE_DOCS_BASE_URL, meta.id) : undefined,
    description: meta.description,
  }));
}

/** `--list-rules`: a table for people, or JSON (an array of rules) for tools. */
export function formatRuleList(format: string): string {
  const rules = listedRules();
  if (format === 'json') return JSON.stringify(rules, null, 2) + '\n';
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const familyWidth = Math.max(...rules.map((r) => r.family.length));
  const rows = rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.family.padEnd(familyWidth)}  ${r.defaultSeverity.padEnd(7)}  ${r.fixable ? 'fixable' : '       '}  ${r.docs ?? ''}`);
  return `${'rule'.padEnd(idWidth)}  ${'family'.padEnd(familyWidth)}  ${'default'.padEnd(7)}  ${'fix    '}  docs\n${rows.join('\n')}\n`;
}
