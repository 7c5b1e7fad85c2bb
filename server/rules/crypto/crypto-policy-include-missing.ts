import { CRYPTO_POLICY_BACKEND_PATH } from '../../../schemas/crypto-policies/index';
import type { ConfRule, ConfRuleContext } from '../rule';

const INCLUDE_LINE = `include ${CRYPTO_POLICY_BACKEND_PATH}`;

/**
 * A file in an `ipsec.d` folder, linted on its own, is a fragment the main config includes;
 * the policy include belongs to that main config, even when the fragment has `config setup`.
 */
const FRAGMENT_FOLDER = /(^|\/)ipsec\.d\//;

/**
 * Libreswan's own ipsec.conf template ships the include commented out as `# include …`
 * (configs/ipsec.conf.in, 4.x and 5.x; Debian installs it as is), which says nothing about the
 * host. Written any other way (`#include …`: RHEL's active line with a `#` put in front) it is
 * a person switching the policy off on a host that has it.
 */
const TEMPLATE_INCLUDE = /^# include \S+\s*$/;

function commentedOutEvidence(lines: NonNullable<ConfRuleContext['cryptoPolicy']>['commentedOut']): string | undefined {
  const edited = lines.find(({ line }) => !TEMPLATE_INCLUDE.test(line.comment.text));
  return edited ? `the include is commented out as '${edited.line.comment.text.trim()}' at ${edited.file.path}:${edited.line.line + 1}, not as Libreswan's template writes it` : undefined;
}

/**
 * The main config (the one with `config setup`) does not include the system crypto policy,
 * or has the include commented out: every conn then ignores the policy (RHEL STIG
 * RHEL-08-010020 checks for this line). Only where the target shows signs of running
 * crypto-policies (`hostEvidence`): on other systems the include does not exist, and a
 * finding on every config would teach people to switch the rule off.
 */
export const cryptoPolicyIncludeMissing: ConfRule = {
  meta: {
    id: 'crypto-policy-include-missing',
    description: `On a host that runs crypto-policies, the main config (with 'config setup') does not include ${CRYPTO_POLICY_BACKEND_PATH}, or has the include commented out.`,
    defaultSeverity: 'warning',
    scope: 'conf',
    fixable: true,
  },
  check({ config, cryptoPolicy }, report) {
    if (!cryptoPolicy || cryptoPolicy.includes.length > 0) return;
    const evidence = cryptoPolicy.hostEvidence ?? commentedOutEvidence(cryptoPolicy.commentedOut);
    if (evidence === undefined) return;
    const setup = config.loaded.sections.find((s) => s.section.kind === 'setup');
    if (!setup || setup.section.kind !== 'setup' || FRAGMENT_FOLDER.test(config.loaded.entry.path)) return;
    const why = 'so no conn follows the system crypto policy (update-crypto-policies has no effect on Libreswan; RHEL STIG RHEL-08-010020)';
    if (cryptoPolicy.commentedOut.length > 0) {
      for (const { file, line } of cryptoPolicy.commentedOut) {
        report({
          file: file.path,
          range: line.range,
          message: `The crypto-policy include is commented out, ${why}; remove the '#' (checked because ${evidence})`,
          rejectedByLibreswan: false,
          fixes: [{ title: `Restore '${INCLUDE_LINE}'`, edits: [{ file: file.path, range: line.range, newText: INCLUDE_LINE }], preferred: true }],
        });
      }
      return;
    }
    const file = setup.file;
    const sections = file.conf.sections;
    const next = sections[sections.indexOf(setup.section) + 1];
    // Right after config setup, before any conn, as RHEL's stock ipsec.conf has it.
    const at = next ? { line: next.header.line, character: 0 } : undefined;
    const fixes = at ? [{ title: `Add '${INCLUDE_LINE}'`, edits: [{ file: file.path, range: { start: at, end: at }, newText: `${INCLUDE_LINE}\n` }] }] : [];
    report({
      file: file.path,
      range: setup.section.header.range,
      message: `This config does not include ${CRYPTO_POLICY_BACKEND_PATH}, ${why}; add '${INCLUDE_LINE}' after config setup (checked because ${evidence})`,
      rejectedByLibreswan: false,
      fixes,
    });
  },
};
