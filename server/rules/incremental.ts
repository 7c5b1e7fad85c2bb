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
 * on all of it each time. The output is the list `runConfRules` gives, in the same order
 * (test/service/incremental-lint.test.ts holds the two equal after random edit sequences).
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
  /** The numbers the keys are made of, and the next free one. */
  readonly sections: SectionIndex;
  readonly nextId: number;
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

/** A section's file and first line, and the number its text got there. */
interface SectionIdentity {
  readonly path: string;
  readonly line: number;
  readonly id: number;
}

/** Section texts a run met, each with the identities it had. */
type SectionIndex = ReadonlyMap<string, readonly SectionIdentity[]>;

/**
 * Numbers sections by file, first line and text: equal numbers, here or in the previous
 * run, mean equal findings with equal ranges. Keys built from numbers stay short, so the
 * memo neither copies nor hashes the document's text more than once per run. The texts
 * are slices of the document, which is fine: the index is replaced on every run, so it
 * never holds more than the current version of a document.
 */
class SectionNumbering {
  readonly index = new Map<string, SectionIdentity[]>();
  private readonly ids = new Map<PlacedSection, number>();

  constructor(
    private readonly previous: SectionIndex | undefined,
    public nextId: number,
  ) {}

  idOf(placed: PlacedSection): number {
    const known = this.ids.get(placed);
    if (known !== undefined) return known;
    const { section } = placed;
    const conf = placed.file.conf;
    const starts = lineStarts(conf);
    const line = section.header.line;
    const last = section.body.length > 0 ? section.body[section.body.length - 1].line : line;
    const text = conf.text.slice(starts[line] ?? 0, last + 1 < starts.length ? starts[last + 1] : conf.text.length);
    const path = placed.file.path;
    const same = (e: SectionIdentity): boolean => e.path === path && e.line === line;
    const here = this.index.get(text);
    let identity = here?.find(same) ?? this.previous?.get(text)?.find(same);
    if (!identity) identity = { path, line, id: this.nextId++ };
    if (!here) this.index.set(text, [identity]);
    else if (!here.includes(identity)) here.push(identity);
    this.ids.set(placed, identity.id);
    return identity.id;
  }
}

function sharedKeyOf(context: ConfRuleContext, severities: Readonly<Record<string, SeveritySetting>>, sections: SectionNumbering): string {
  const parts = [context.version, String(context.fips), JSON.stringify(severities)];
  for (const placed of context.config.loaded.sections) {
    const s = placed.section;
    if (s.kind === 'setup' || (s.kind === 'conn' && s.name === '%default')) parts.push(String(sections.idOf(placed)));
  }
  return parts.join('\u0002');
}

/**
 * Everything a per-conn rule's findings about `conn` are computed from, beyond the shared
 * key: its own section, the sections `also=` pulls in, whether another conn pulls it in
 * (conn-role), the conn a finding naming it is placed in (placeInConn takes the last of the
 * name), and each rule's `connFacts`.
 */
function connFingerprint(context: ConfRuleContext, conn: ResolvedConn, byName: ReadonlyMap<string, ResolvedConn>, rules: readonly ConfRule[], sections: SectionNumbering): string {
  let key = `c${alsoTargets(context.config).has(conn.name) ? 't' : 'n'}${sections.idOf(conn.placed)}`;
  for (const placed of conn.alsoSections) key += `,${sections.idOf(placed)}`;
  const named = byName.get(conn.name);
  if (named && named !== conn) key += `^${sections.idOf(named.placed)}`;
  for (const rule of rules) if (rule.connFacts) key += `\u0002${rule.connFacts(context, conn)}`;
  return key;
}

/** Runs every enabled conf rule as `runConfRules` does, re-checking only the conns and sections `previous` does not cover. */
export function runConfRulesIncremental(
  context: ConfRuleContext,
  severities: Readonly<Record<string, SeveritySetting>>,
  previous: ConfRulesMemo | undefined,
): IncrementalRulesRun {
  const { config } = context;
  const byName = new Map(config.conns.map((c) => [c.name, c]));
  const sections = new SectionNumbering(previous?.sections, previous?.nextId ?? 0);
  const sharedKey = sharedKeyOf(context, severities, sections);
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
    const key = connFingerprint(context, conn, byName, enabled, sections);
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
    const key = `s${sections.idOf(placed)}${named && named.placed !== placed ? `^${sections.idOf(named.placed)}` : ''}`;
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
  return { diagnostics, memo: { sharedKey, byKey, sections: sections.index, nextId: sections.nextId }, checkedConns, reusedConns: config.conns.length - checkedConns };
}
