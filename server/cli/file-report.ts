import type { LintDiagnostic } from '../rules/rule';

export interface FileReport {
  readonly path: string;
  readonly diagnostics: readonly LintDiagnostic[];
}
