import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuleDocsBaseUrl, chooseRuleDocsBaseUrl, DEFAULT_RULE_DOCS_BASE_URL, hasRulePage, ruleDocsBaseUrlOf } from '../../server/service/rule-docs';
import { defaultSettings } from '../../server/settings/lint-settings';
import { LanguageService } from '../../server/service/language-service';
import { memoryFileSystem } from './memory-file-system';

describe('rule page links', () => {
  it('default to the repository named in the root package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { repository: { url: string } };
    expect(pkg.repository.url).toContain('github.com/ipsec-lint/ipsec-lint');
    expect(DEFAULT_RULE_DOCS_BASE_URL).toBe('https://github.com/ipsec-lint/ipsec-lint/blob/main/docs/rules/');
  });

  it('read every way package.json spells a repository, and nothing that is not a web address', () => {
    expect(ruleDocsBaseUrlOf({ repository: 'https://gitlab.com/o/r.git' })).toBe('https://gitlab.com/o/r/blob/main/docs/rules/');
    expect(ruleDocsBaseUrlOf({ repository: { url: 'git+https://github.com/o/r.git' } })).toBe('https://github.com/o/r/blob/main/docs/rules/');
    expect(ruleDocsBaseUrlOf({ repository: 'github:o/r', homepage: 'https://github.com/o/r#readme' })).toBe('https://github.com/o/r/blob/main/docs/rules/');
    expect(ruleDocsBaseUrlOf({ repository: 'git@github.com:o/r.git' })).toBeUndefined();
    expect(ruleDocsBaseUrlOf({})).toBeUndefined();
  });

  it('accept a configured http(s) or file base, adding the trailing slash, and refuse anything else', () => {
    expect(checkRuleDocsBaseUrl('https://docs.example.org/rules')).toEqual({ url: 'https://docs.example.org/rules/' });
    expect(checkRuleDocsBaseUrl('file:///opt/ipsec-lint/docs/rules/')).toEqual({ url: 'file:///opt/ipsec-lint/docs/rules/' });
    expect(checkRuleDocsBaseUrl('javascript:alert(1)')).toEqual({ problem: expect.stringContaining('http(s) or file') });
    expect(checkRuleDocsBaseUrl('docs/rules')).toEqual({ problem: expect.stringContaining('not a URL') });
  });

  it('prefer the configured base, then the client bundled copy, then the repository', () => {
    expect(chooseRuleDocsBaseUrl('https://a/', 'file:///b/')).toBe('https://a/');
    expect(chooseRuleDocsBaseUrl(undefined, 'file:///b/')).toBe('file:///b/');
    expect(chooseRuleDocsBaseUrl(undefined, undefined)).toBe(DEFAULT_RULE_DOCS_BASE_URL);
  });

  it('exist for the rules of ipsec.secrets and policy groups too, not for a file left unchecked', () => {
    expect(['unknown-keyword', 'psk-too-short', 'policy-bad-cidr'].map(hasRulePage)).toEqual([true, true, true]);
    expect(hasRulePage('not-checked')).toBe(false);
  });

  it('change in published diagnostics and in code actions when the base changes', () => {
    const ls = new LanguageService({ fs: memoryFileSystem({}), settingsFor: () => defaultSettings });
    const uri = 'file:///site/ipsec.conf';
    ls.openDocument(uri, 'ipsec-conf', 1, 'conn a\n\tsalifetime=1h\n');
    const hrefs = (): (string | undefined)[] => ls.validate().flatMap((p) => p.diagnostics.map((d) => d.codeDescription?.href));
    expect(hrefs()).toContain(`${DEFAULT_RULE_DOCS_BASE_URL}obsolete-keyword.md`);
    ls.setDocsBaseUrl('https://mirror.example.org/rules/');
    expect(hrefs()).toEqual(['https://mirror.example.org/rules/obsolete-keyword.md']);
    const [action] = ls.codeActions(uri, { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, ['quickfix']);
    expect(action.diagnostics?.[0].codeDescription?.href).toBe('https://mirror.example.org/rules/obsolete-keyword.md');
    ls.setDocsBaseUrl(undefined);
    expect(ls.validate()[0].diagnostics.every((d) => d.codeDescription === undefined)).toBe(true);
  });
});
