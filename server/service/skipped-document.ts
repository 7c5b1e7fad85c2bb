import type { TextRange } from '../../grammar/text-range';
import type { LintDiagnostic } from '../rules/rule';
import type { SkippedDocument } from './parsed-document';

const firstCharacter: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The one finding of a file the service declined to read, saying why and what to do. */
export function skippedDiagnostics(file: string, skipped: SkippedDocument): LintDiagnostic[] {
  return [{ file, range: firstCharacter, message: skipped.message, ruleId: 'not-checked', severity: skipped.reason === 'binary' ? 'warning' : 'info', rejectedByLibreswan: false }];
}
