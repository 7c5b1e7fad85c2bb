import type { PolicyGroupFile } from '../../grammar/policy';
import type { SecretsFile } from '../../grammar/secrets';
import type { TextRange } from '../../grammar/text-range';
import type { LintDiagnostic } from '../rules/rule';
import type { SkippedDocument } from './parsed-document';

/*
 * ipsec.secrets and policy group files have no rules in the registry yet: their parsers'
 * own findings are the diagnostics. The parsers never put secret data in a message.
 */

export function secretsDiagnostics(file: string, secrets: SecretsFile): LintDiagnostic[] {
  return secrets.errors.map((e) => ({
    file,
    range: e.range,
    message: e.message,
    ruleId: 'secrets-syntax',
    severity: e.severity,
    rejectedByLibreswan: e.severity === 'error',
  }));
}

export function policyDiagnostics(file: string, policy: PolicyGroupFile): LintDiagnostic[] {
  return policy.errors.map((e) => ({
    file,
    range: e.range,
    message: e.message,
    ruleId: 'policy-syntax',
    severity: e.severity,
    rejectedByLibreswan: e.severity === 'error',
  }));
}

const firstCharacter: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function skippedDiagnostics(file: string, skipped: SkippedDocument): LintDiagnostic[] {
  return [{ file, range: firstCharacter, message: skipped.message, ruleId: 'not-checked', severity: skipped.reason === 'binary' ? 'warning' : 'info', rejectedByLibreswan: false }];
}
