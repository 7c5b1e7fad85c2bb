import type { ConfRule, ConfRuleContext, Finding, LintDiagnostic, PolicyRuleContext, RuleMeta, SecretsRuleContext, Severity, SeveritySetting } from './rule';
import { alsoReference } from './conf/also-reference';
import { commentKey } from './conf/comment-key';
import { setKnownRuleIds, suppressionProblem } from './conf/suppression-problem';
import { duplicateConnName } from './conf/duplicate-conn-name';
import { duplicateKey } from './conf/duplicate-key';
import { includeProblem } from './conf/include-problem';
import { invalidValue } from './conf/invalid-value';
import { keywordWrongSection } from './conf/keyword-wrong-section';
import { obsoleteKeyword } from './conf/obsolete-keyword';
import { obsoleteValue } from './conf/obsolete-value';
import { ikev1Authby } from './conf/ikev1-authby';
import { publicKeyInDefault } from './conf/public-key-in-default';
import { sidePrefixMissing } from './conf/side-prefix-missing';
import { syntaxError } from './conf/syntax-error';
import { unknownKeyword } from './conf/unknown-keyword';
import { addTimeRefusal } from './conf/add-time-refusal';
import { leftRightRules } from './left-right';
import { timedRule } from '../model/timing';
import { transportRules } from './transport';
import { policyRules } from './policy';
import { secretsRules } from './secrets';
import { cryptoRules } from './crypto';
import { placeInConn } from './conn-finding';

/** Every conf rule, in the order their findings are listed when they share a line. */
export const confRules: readonly ConfRule[] = [
  syntaxError,
  unknownKeyword,
  keywordWrongSection,
  sidePrefixMissing,
  obsoleteKeyword,
  invalidValue,
  obsoleteValue,
  duplicateKey,
  duplicateConnName,
  alsoReference,
  includeProblem,
  publicKeyInDefault,
  commentKey,
  ikev1Authby,
  suppressionProblem,
  ...leftRightRules,
  ...transportRules,
  ...cryptoRules,
  addTimeRefusal,
];

export function findRule(id: string): ConfRule | undefined {
  return confRules.find((r) => r.meta.id === id);
}

/** Runs every enabled conf rule; the user's severity replaces the rule's own, `off` drops it. */
export function runConfRules(context: ConfRuleContext, severities: Readonly<Record<string, SeveritySetting>>): LintDiagnostic[] {
  // A finding about a conn is shown in that conn's own section (see placeInConn).
  const conns = new Map(context.config.conns.map((c) => [c.name, c]));
  return runScoped(confRules, context, severities, (f) => placeInConn(conns, f));
}

export { secretsRules, policyRules };

// suppression-problem checks directive ids against every rule, this one included.
setKnownRuleIds(() => new Set([...confRules, ...secretsRules, ...policyRules].map((r) => r.meta.id)));

const MESSAGE_LIMIT = 400;

/**
 * Messages quote values from the file; a pathological value (a megabyte on one line) must not
 * turn one finding into a megabyte of output. A long message is cut once, at a word boundary,
 * and says so: no half words, and no part shown twice.
 */
export function readableMessage(message: string): string {
  if (message.length <= MESSAGE_LIMIT) return message;
  const head = message.slice(0, MESSAGE_LIMIT - ' … (message cut)'.length);
  const space = head.search(/\s\S*$/);
  return `${(space > MESSAGE_LIMIT / 2 ? head.slice(0, space) : head).trimEnd()} … (message cut)`;
}

/** Runs rules of any scope; the user's severity replaces the rule's own, `off` drops it. */
function runScoped<C>(
  rules: readonly { readonly meta: { readonly id: string; readonly defaultSeverity: LintDiagnostic['severity'] }; check(context: C, report: (f: Finding) => void): void }[],
  context: C,
  severities: Readonly<Record<string, SeveritySetting>>,
  place: (f: Finding) => Finding = (f) => f,
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  for (const rule of rules) {
    const setting = severities[rule.meta.id];
    if (setting === 'off') continue;
    timedRule(rule.meta.id, () => rule.check(context, (finding) => {
      out.push(diagnosticOf(rule.meta, setting, place(finding)));
    }));
  }
  return out;
}

/** A rule's finding as the user sees it: their severity for the rule, else the finding's, else the rule's. */
export function diagnosticOf(meta: Pick<RuleMeta, 'id' | 'defaultSeverity'>, setting: Severity | undefined, finding: Finding): LintDiagnostic {
  return {
    file: finding.file,
    range: finding.range,
    message: readableMessage(finding.message),
    rejectedByLibreswan: finding.rejectedByLibreswan,
    related: finding.related,
    tags: finding.tags,
    fixes: finding.fixes,
    ...(finding.conn !== undefined ? { conn: finding.conn } : {}),
    ruleId: meta.id,
    severity: setting ?? finding.severity ?? meta.defaultSeverity,
  };
}

export function runSecretsRules(context: SecretsRuleContext, severities: Readonly<Record<string, SeveritySetting>>): LintDiagnostic[] {
  return runScoped(secretsRules, context, severities);
}

export function runPolicyRules(context: PolicyRuleContext, severities: Readonly<Record<string, SeveritySetting>>): LintDiagnostic[] {
  return runScoped(policyRules, context, severities);
}
