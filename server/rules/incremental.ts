import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { ResolvedConn } from '../model/connections';
import type { PlacedSection } from '../model/include-graph';
import { alsoTargets } from './conn-role';
import { placeInConn } from './conn-finding';
import { confRules, diagnosticOf } from './registry';
import type { ConfRule, ConfRuleContext, LintDiagnostic, SeveritySetting } from './rule';

/*
 * The editor's way of running the conf rules: after a keystroke most conns are what they
 * were, so a `perConn` rule's findings about them are too. Each conn's findings are kept
 * under a fingerprint of everything they are computed from; the next run re-checks only
 * the conns whose fingerprint is new and takes the others' findings from the previous run;
 * a `perSection` rule likewise per section. Every other rule reads the whole config and runs
 * on all of it each time. The output is
 * the list `runConfRules` gives, in the same order (test/service/incremental-lint.test.ts
 * holds the two equal after random edit sequences on the corpus).
 */

/** What one run leaves for the next. */
export interface ConfRulesMemo {
  /** What every conn's findings depend on: target version, FIPS, severities, `config setup` and every `conn %default`. */
  readonly sharedKey: string;
  /**
   * By a conn's fingerprint, the diagnostics of each per-conn rule; by a section's, those of
   * each per-section rule (in `perConnRules` / `perSectionRules` order).
   */
  readonly byKey: ReadonlyMap<string, readonly (readonly LintDiagnostic[])[]>;
}

export interface IncrementalRulesRun {
  readonly diagnostics: LintDiagnostic[];
  readonly memo: ConfRulesMemo;
  /** Conns whose per-conn rules ran this time, and conns whose findings were reused. */
  readonly checkedConns: number;
  readonly reusedConns: number;
}

const perConnRules: readonly ConfRule[] = confRules.filter((r) => r.meta.perConn === true);
const perConnIndex = new Map(perConnRules.map((r, i) => [r, i]));
const perSectionRules: readonly ConfRule[] = confRules.filter((r) => r.meta.perSection === true && r.meta.perConn !== true);
const perSectionIndex = new Map(perSectionRules.map((r, i) => [r, i]));
const noDiagnostics: readonly LintDiagnostic[] = Object.freeze([]);

/** Where each line of a file starts, so a section's text is one slice. */
const lineStartsOf = new WeakMap<ConfFile, readonly number[]>();

function lineStarts(conf: ConfFile): readonly number[] {
  let starts = lineStartsOf.get(conf);
  if (!starts) {
    const found = [0];
    const text = conf.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    starts = found;
    lineStartsOf.set(conf, starts);
  }
  return starts;
}

const sectionKeys = new WeakMap<PlacedSection, string>();

/**
 * A section's file, first line and text: equal keys give equal findings with equal ranges.
 * The text is sliced from the document, which is fine here: the memo is replaced on every
 * run, so it never holds more than the current version of a document.
 */
function sectionKey(placed: PlacedSection): string {
  let key = sectionKeys.get(placed);
  if (key === undefined) {
    const { section } = placed;
    const conf = placed.file.conf;
    const starts = lineStarts(conf);
    const first = section.header.line;
    const last = section.body.length > 0 ? section.body[section.body.length - 1].line : first;
    const end = last + 1 < starts.length ? starts[last + 1] : conf.text.length;
    key = `${placed.file.path}\u0001${first}\u0001${conf.text.slice(starts[first] ?? 0, end)}`;
    sectionKeys.set(placed, key);
  }
  return key;
}

function sharedKeyOf(context: ConfRuleContext, severities: Readonly<Record<string, SeveritySetting>>): string {
  const parts = [context.version, String(context.fips), JSON.stringify(severities)];
  for (const placed of context.config.loaded.sections) {
    const s = placed.section;
    if (s.kind === 'setup' || (s.kind === 'conn' && s.name === '%default')) parts.push(sectionKey(placed));
  }
  return parts.join('\u0002');
}

/**
 * Everything a per-conn rule's findings about `conn` are computed from, beyond the shared
 * key: its own section, the sections `also=` pulls in, whether another conn pulls it in
 * (conn-role), the conn a finding naming it is placed in (placeInConn takes the last of the
 * name), and each rule's `connFacts`.
 */
function connFingerprint(context: ConfRuleContext, conn: ResolvedConn, byName: ReadonlyMap<string, ResolvedConn>, rules: readonly ConfRule[]): string {
  const parts = [alsoTargets(context.config).has(conn.name) ? 'target' : 'not-target', sectionKey(conn.placed)];
  for (const placed of conn.alsoSections) parts.push(sectionKey(placed));
  const named = byName.get(conn.name);
  if (named && named !== conn) parts.push(sectionKey(named.placed));
  for (const rule of rules) if (rule.connFacts) parts.push(rule.connFacts(context, conn));
  return parts.join('\u0002');
}

/** Runs every enabled conf rule as `runConfRules` does, re-checking only the conns and sections `previous` does not cover. */
export function runConfRulesIncremental(
  context: ConfRuleContext,
  severities: Readonly<Record<string, SeveritySetting>>,
  previous: ConfRulesMemo | undefined,
): IncrementalRulesRun {
  const { config } = context;
  const byName = new Map(config.conns.map((c) => [c.name, c]));
  const sharedKey = sharedKeyOf(context, severities);
  const reusable = previous?.sharedKey === sharedKey ? previous.byKey : undefined;
  const byKey = new Map<string, readonly (readonly LintDiagnostic[])[]>();
  const run = (rules: readonly ConfRule[], one: ConfRuleContext): readonly (readonly LintDiagnostic[])[] =>
    rules.map((rule) => {
      const setting = severities[rule.meta.id];
      if (setting === 'off') return noDiagnostics;
      let found: LintDiagnostic[] | undefined;
      rule.check(one, (f) => (found ??= []).push(diagnosticOf(rule.meta, setting, placeInConn(byName, f))));
      return found ?? noDiagnostics;
    });

  const enabled = perConnRules.filter((r) => severities[r.meta.id] !== 'off');
  const perConn: (readonly (readonly LintDiagnostic[])[])[] = [];
  let checkedConns = 0;
  for (const conn of config.conns) {
    const key = `c\u0002${connFingerprint(context, conn, byName, enabled)}`;
    let results = byKey.get(key) ?? reusable?.get(key);
    if (!results) {
      checkedConns++;
      results = run(perConnRules, { ...context, conns: [conn] });
    }
    byKey.set(key, results);
    perConn.push(results);
  }
  const perSection: (readonly (readonly LintDiagnostic[])[])[] = [];
  for (const [placed, assignments] of config.assignments) {
    const { section } = placed;
    // A finding naming a conn is placed in the last conn of that name (placeInConn).
    const named = section.kind === 'conn' ? byName.get(section.name) : undefined;
    const key = `s\u0002${sectionKey(placed)}${named && named.placed !== placed ? `\u0002${sectionKey(named.placed)}` : ''}`;
    let results = byKey.get(key) ?? reusable?.get(key);
    if (!results) results = run(perSectionRules, { ...context, sections: new Map([[placed, assignments]]) });
    byKey.set(key, results);
    perSection.push(results);
  }

  const diagnostics: LintDiagnostic[] = [];
  for (const rule of confRules) {
    const setting = severities[rule.meta.id];
    if (setting === 'off') continue;
    const index = perConnIndex.get(rule);
    const sectionIndex = perSectionIndex.get(rule);
    if (index !== undefined || sectionIndex !== undefined) {
      const lists = index !== undefined ? perConn : perSection;
      const i = index ?? sectionIndex!;
      for (const results of lists) for (const d of results[i]) diagnostics.push(d);
      continue;
    }
    rule.check(context, (f) => diagnostics.push(diagnosticOf(rule.meta, setting, placeInConn(byName, f))));
  }
  return { diagnostics, memo: { sharedKey, byKey }, checkedConns, reusedConns: config.conns.length - checkedConns };
}
