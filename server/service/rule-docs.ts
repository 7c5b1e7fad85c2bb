// esbuild inlines this at build time, so the bundled server carries the URL it was built with.
import packageJson from '../../package.json' with { type: 'json' };
import { confRules } from '../rules/registry';
import { policyRules } from '../rules/policy';
import { secretsRules } from '../rules/secrets';

interface PackageLinks {
  readonly repository?: string | { readonly url?: string };
  readonly homepage?: string;
}

/** `git+https://github.com/o/r.git` → `https://github.com/o/r`; undefined for what is not a web address. */
function webAddressOf(url: string | undefined): string | undefined {
  const cleaned = url?.trim().replace(/^git\+/, '').replace(/\.git$/, '').replace(/#.*$/, '').replace(/\/+$/, '');
  return cleaned && /^https?:\/\//.test(cleaned) ? cleaned : undefined;
}

/**
 * Where the rule pages of a repository are published. GitHub and GitLab show Markdown at
 * `blob/<branch>/<path>`; the pages live in docs/rules/ on the main branch.
 */
export function ruleDocsBaseUrlOf(pkg: PackageLinks): string | undefined {
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const web = webAddressOf(repository) ?? webAddressOf(pkg.homepage);
  return web ? `${web}/blob/main/docs/rules/` : undefined;
}

/** The rule pages of this project, from its package.json; undefined only if that names no repository. */
export const DEFAULT_RULE_DOCS_BASE_URL: string | undefined = ruleDocsBaseUrlOf(packageJson as PackageLinks);

/**
 * Checks a base URL a person configured: http(s) or file, ending in `/` so a rule id can be
 * appended. Returns the URL to use or the reason it is refused.
 */
export function checkRuleDocsBaseUrl(raw: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { problem: `'${raw}' is not a URL` };
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) return { problem: `'${raw}' must be an http(s) or file URL` };
  const href = parsed.href;
  return { url: href.endsWith('/') ? href : `${href}/` };
}

/**
 * The base URL diagnostics link to: what the person configured, else the copy bundled with
 * the editor extension (works offline and matches the installed version), else the repository.
 */
export function chooseRuleDocsBaseUrl(configured: string | undefined, bundled: string | undefined): string | undefined {
  return configured ?? bundled ?? DEFAULT_RULE_DOCS_BASE_URL;
}

/** Every rule of every file kind has a page in docs/rules/ (test/rules checks); `not-checked` (a skipped file) has none. */
const rulesWithPages: ReadonlySet<string> = new Set([...confRules, ...secretsRules, ...policyRules].map((r) => r.meta.id));

export function hasRulePage(ruleId: string): boolean {
  return rulesWithPages.has(ruleId);
}

/** The page of one rule. */
export function ruleDocsHref(baseUrl: string, ruleId: string): string {
  return `${baseUrl}${ruleId}.md`;
}
