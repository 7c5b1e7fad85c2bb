import type { PolicyGroupFile } from '../../grammar/policy';
import { dominantLineEnding, formatControlFile } from './format-control-file';
import { indentText, type FormatOptions } from './format-options';
import type { FormatOutcome } from './formatted-lines';

/** Formats a policy group file (/etc/ipsec.d/policies/*): same scanner, same layout as ipsec.secrets. */
export function formatPolicy(file: PolicyGroupFile, options: FormatOptions): FormatOutcome {
  return formatControlFile(file.tokens, file.errors, dominantLineEnding(file.text), indentText(options.indent));
}
