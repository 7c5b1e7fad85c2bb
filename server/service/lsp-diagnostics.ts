import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-protocol';
import { findRule } from '../rules/registry';
import type { LintDiagnostic, Severity } from '../rules/rule';

/** Where each rule's page (bad and good example, how to fix) is published. */
export const RULE_DOCS_BASE_URL = 'https://github.com/ipsec-lint/ipsec-lint/blob/main/docs/rules/';

const severityOf: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A finding as an LSP diagnostic: rule id as code, a docs link, related places, tags. */
export function toLspDiagnostic(d: LintDiagnostic, uriOf: (path: string) => string, docsBaseUrl = RULE_DOCS_BASE_URL): Diagnostic {
  const tags = (d.tags ?? []).map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  return {
    range: d.range,
    severity: severityOf[d.severity],
    code: d.ruleId,
    // Only registry rules have a page; parser findings of secrets and policy files do not.
    ...(findRule(d.ruleId) ? { codeDescription: { href: `${docsBaseUrl}${d.ruleId}.md` } } : {}),
    source: 'ipsec-lint',
    message: d.message,
    ...(tags.length > 0 ? { tags } : {}),
    ...(d.related && d.related.length > 0
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })) }
      : {}),
  };
}
