// ipsec-lint's verdict per conn, and the comparison with the oracle's, counted as
// ../shared/corpus/README.md says: %default, templates, building blocks refused only for a
// missing end, and refusals that depend on the host rather than the files are left out.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LibreswanVersion } from '../../schemas/keywords';
import { nodeFileSystem } from '../../server/model/node-file-system';
import type { ResolvedConfig } from '../../server/model/connections';
import type { LintDiagnostic } from '../../server/rules/rule';
import { lintConf } from '../../server/service/lint-conf';
import { endReading } from '../../server/model/conn-reading';
import type { OracleVerdict } from './oracle';
import { HOST_DEPENDENT } from '../../test/corpus/support/conn-agreement';

export interface LintVerdict {
  readonly config: ResolvedConfig;
  readonly rejected: readonly LintDiagnostic[];
  /** Per conn name: the rejecting findings that belong to it. */
  readonly byConn: ReadonlyMap<string, readonly LintDiagnostic[]>;
  /** Rejecting findings outside every conn and naming none (not counted against a conn). */
  readonly fileLevel: readonly LintDiagnostic[];
}

function connOf(d: LintDiagnostic): string | undefined {
  const c = (d as { conn?: unknown }).conn;
  return typeof c === 'string' ? c : undefined;
}

function sectionSpan(lines: readonly { line: number }[], header: number): [number, number] {
  return [header, lines.reduce((m, l) => Math.max(m, l.line), header)];
}

export function lintVerdict(path: string, version: LibreswanVersion, fips: boolean, root?: string): LintVerdict {
  const text = readFileSync(path, 'utf8');
  const { diagnostics, config } = lintConf({ path, text, fs: nodeFileSystem, cwd: dirname(path), settings: { libreswanVersion: version, root, fips, rules: {} } });
  const rejected = diagnostics.filter((d) => d.rejectedByLibreswan && d.severity === 'error');
  const byConn = new Map<string, LintDiagnostic[]>();
  const claimed = new Set<LintDiagnostic>();
  for (const [name, sections] of config.sectionsByName) {
    if (name === '%default') continue;
    const spans = sections.map((s) => ({ file: s.file.path, span: sectionSpan(s.section.body, s.section.header.line) }));
    const quoted = `'${name}'`;
    const mine = rejected.filter((d) => {
      const c = connOf(d);
      if (c !== undefined) return c === name;
      if (spans.some((s) => s.file === d.file && d.range.start.line >= s.span[0] && d.range.start.line <= s.span[1])) return true;
      return /\bconns?\b/.test(d.message) && d.message.includes(quoted);
    });
    for (const d of mine) claimed.add(d);
    byConn.set(name, mine);
  }
  // %default lines belong to every conn; `config setup` and stray lines to the file.
  const fileLevel = rejected.filter((d) => !claimed.has(d) && connOf(d) === undefined);
  return { config, rejected, byConn, fileLevel };
}

// Refusals the host decides, not the file: the corpus measure's list, so both count alike.

/**
 * The conn an addconn line is about, when it names one: addconn prints what it found while
 * reading the whole file, so every conn of the file gets the other conns' lines too.
 */
export function connNamedBy(message: string): string | undefined {
  const m = /^"([^"]+)"/.exec(message)
    ?? /duplicate key '[^']*' in conn (\S+) while processing/.exec(message)
    ?? /needed by conn '([^']*)'/.exec(message)
    ?? /^conn (\S+?):? did not load properly/.exec(message)
    ?? /while loading '([^']*)'/.exec(message);
  return m?.[1];
}

/** The lines of a refusal that say why (pluto's "failed to add", addconn's ERROR), else all; with `conn`, not the lines about another conn. */
export function refusalReasons(all: readonly string[], conn?: string): string[] {
  const own = conn === undefined ? all : all.filter((m) => (connNamedBy(m) ?? conn) === conn);
  // 5.2's addconn prints "duplicate key" for a harmless repeat too (it says neither "warning"
  // nor "ERROR", as 5.4 does); only with "did not load properly" for the conn was the repeat
  // the refusal. (4.10 says "while loading 'X': duplicate key" when it refuses.)
  // Likewise a line naming no conn ("ikev1 connection must use authby= ...") is why another
  // conn did not load, when some other conn did not and this one did.
  const loaded = !own.some((m) => /did not load properly/.test(m));
  const othersFailed = conn !== undefined && all.some((m) => /did not load properly/.test(m) && connNamedBy(m) !== conn);
  const messages = !loaded ? own : own.filter((m) => !/^ipsec addconn: duplicate key '/.test(m) && !(othersFailed && connNamedBy(m) === undefined && /^ipsec addconn: /.test(m)));
  const lines = messages.filter((m) => /failed to add|ERROR|not held by pluto|did not load properly|cannot find conn|while loading/.test(m));
  // 5.2's addconn says why on the lines before "conn X did not load properly".
  const why = messages.filter((m) => !/did not load properly/.test(m));
  if (lines.length > 0 && lines.every((m) => /did not load properly/.test(m)) && why.length > 0) return why;
  return lines.length > 0 ? lines : [...messages];
}

export function hostDependent(messages: readonly string[], conn?: string): boolean {
  return refusalReasons(messages, conn).some((m) => HOST_DEPENDENT.some((r) => r.test(m)));
}

export interface ConnOutcome {
  readonly conn: string;
  readonly pluto: boolean; // true = pluto refuses
  readonly lint: boolean; // true = ipsec-lint refuses
  readonly plutoReason: string;
  readonly lintReason: string;
}

export interface FileComparison {
  /** Counted outcomes (a file that does not load is one outcome named '(file)'). */
  readonly outcomes: readonly ConnOutcome[];
  /** Conns left out, with why. */
  readonly skipped: readonly { conn: string; why: string }[];
}

const LEFT_RIGHT_UNSET = /\b(left|right)= is not set/;

function lintReasonOf(ds: readonly LintDiagnostic[]): string {
  return ds.length === 0 ? '' : `${ds[0].ruleId}: ${ds[0].message}`;
}

/**
 * `other`: the other release's verdict on the same file. 5.2 refuses some conns without a
 * word (a conn of `subnets=` that its addconn never hands over); when the other release
 * refuses the same conn for a reason the host decides, this one is left out too, as the
 * corpus measure does (test/corpus/support/conn-agreement.ts).
 */
export function compare(oracle: OracleVerdict, lint: LintVerdict, other?: OracleVerdict, version?: LibreswanVersion): FileComparison {
  if (oracle.loadExit !== 0) {
    const ours = lint.rejected.length > 0;
    return { outcomes: [{ conn: '(file)', pluto: true, lint: ours, plutoReason: oracle.loadMessages.join(' / '), lintReason: lintReasonOf(lint.rejected) }], skipped: [] };
  }
  const outcomes: ConnOutcome[] = [];
  const skipped: { conn: string; why: string }[] = [];
  const alsoTargets = new Set<string>();
  for (const conn of lint.config.conns) {
    for (const a of lint.config.assignments.get(conn.placed) ?? []) if (a.line.key.text.toLowerCase() === 'also') for (const t of a.value.split(/[\s,]+/)) if (t) alsoTargets.add(t);
  }
  for (const [name, verdict] of oracle.conns) {
    if (name === '%default') continue;
    const resolved = lint.config.conns.filter((c) => c.name === name);
    const ownAuto = resolved.some((c) => c.settings.get('auto')?.via === 'conn');
    if (alsoTargets.has(name) && !ownAuto) {
      skipped.push({ conn: name, why: 'template' });
      continue;
    }
    const refused = !verdict.held;
    const reasons = refused ? refusalReasons(verdict.messages, name) : [];
    // 5.2's addconn drops a conn without both ends before pluto sees it, and says nothing.
    const lacksAnEnd = resolved.some((c) => !c.settings.has('left') || !c.settings.has('right'));
    const onlyAnEndMissing = (reasons.length === 0 && lacksAnEnd) || (reasons.length > 0 && reasons.every((m) => LEFT_RIGHT_UNSET.test(m)));
    // 4.10's oracle cannot say whether pluto holds a conn, only whether it complained: a conn
    // without an end that it did not complain about is a building block all the same.
    if (!resolved.some((c) => c.settings.has('auto')) && (refused ? onlyAnEndMissing : lacksAnEnd)) {
      skipped.push({ conn: name, why: 'building block' });
      continue;
    }
    if (refused && hostDependent(verdict.messages, name)) {
      skipped.push({ conn: name, why: `host-dependent: ${verdict.messages[0] ?? ''}` });
      continue;
    }
    // Refused without a reason: when a host is a DNS name, the lookup (the host's) decided it.
    const silent = refused && !verdict.messages.some((m) => /failed to add|ERROR|did not load|not held by pluto after addconn \((?!addconn skipped it)/.test(m));
    if (silent && resolved.some((c) => endReading(c, 'left').hostKind === 'hostname' || endReading(c, 'right').hostKind === 'hostname')) {
      skipped.push({ conn: name, why: 'host-dependent: a host is a DNS name and pluto gave no other reason' });
      continue;
    }
    // 4.10's oracle knows a refusal only by its line, and 4.10 adds a conn with several subnets
    // as one child per pair without a line about the conn when it adds none: it cannot tell.
    if (version === '4.10' && !refused && resolved.some((c) => c.settings.has('leftsubnets') || c.settings.has('rightsubnets'))) {
      skipped.push({ conn: name, why: "oracle cannot tell: 4.10 adds a conn of several subnets as children and says nothing when it adds none" });
      continue;
    }
    const otherSays = other?.conns.get(name);
    if (refused && verdict.messages.length === 0 && otherSays && !otherSays.held && hostDependent(otherSays.messages)) {
      skipped.push({ conn: name, why: `host-dependent (said by the other release): ${otherSays.messages[0] ?? ''}` });
      continue;
    }
    const mine = lint.byConn.get(name) ?? [];
    outcomes.push({ conn: name, pluto: refused, lint: mine.length > 0, plutoReason: reasons.join(' / ') || (refused ? 'not held by pluto' : ''), lintReason: lintReasonOf(mine) });
  }
  return { outcomes, skipped };
}
