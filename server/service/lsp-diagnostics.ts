import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-protocol';
import type { LintDiagnostic, Severity } from '../rules/rule';
import { hasRulePage, ruleDocsHref } from './rule-docs';

const severityOf: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A finding as an LSP diagnostic: rule id as code, a link to the rule's page under
 * `docsBaseUrl` (none without one), related places, tags.
 */
export function toLspDiagnostic(d: LintDiagnostic, uriOf: (path: string) => string, docsBaseUrl: string | undefined): Diagnostic {
  // Optional fields are set only when present (clients show an empty list as an empty section);
  // assigned rather than spread, since every finding of every publish passes through here.
  const out: Diagnostic = { range: d.range, severity: severityOf[d.severity], code: d.ruleId, source: 'ipsec-lint', message: d.message };
  if (docsBaseUrl !== undefined && hasRulePage(d.ruleId)) out.codeDescription = { href: ruleDocsHref(docsBaseUrl, d.ruleId) };
  if (d.tags && d.tags.length > 0) out.tags = d.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (d.related && d.related.length > 0) out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message }));
  return out;
}
