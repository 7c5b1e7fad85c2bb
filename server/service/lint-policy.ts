import { posix as path } from 'node:path';
import { parsePolicyGroup } from '../../grammar/policy/index';
import { POLICY_GROUP_NAMES } from '../../schemas/policy-files';
import type { ConfigFileSystem } from '../model/file-system';
import { runPolicyRules } from '../rules/registry';
import type { LintDiagnostic, PolicyGroup } from '../rules/rule';
import type { LintSettings } from '../settings/lint-settings';


/**
 * Lints one policy group file together with the other groups in its folder (an address in
 * two groups is only visible across files). Findings in the other groups are returned too.
 */
export function lintPolicyGroup(filePath: string, text: string, fs: ConfigFileSystem, settings: LintSettings): LintDiagnostic[] {
  const dir = path.dirname(filePath);
  const groups: PolicyGroup[] = [{ name: path.basename(filePath), path: filePath, file: parsePolicyGroup(text) }];
  for (const name of POLICY_GROUP_NAMES) {
    const other = path.join(dir, name);
    if (other === filePath) continue;
    const read = fs.readText(other);
    if (read.ok) groups.push({ name, path: other, file: parsePolicyGroup(read.text) });
  }
  const out: LintDiagnostic[] = [];
  const setting = settings.rules['syntax-error'];
  if (setting !== 'off') {
    for (const e of groups[0].file.errors) {
      out.push({ file: filePath, range: e.range, message: e.message, ruleId: 'syntax-error', severity: setting ?? e.severity, rejectedByLibreswan: e.severity === 'error' });
    }
  }
  out.push(...runPolicyRules({ groups }, settings.rules));
  return out;
}
