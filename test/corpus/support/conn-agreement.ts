import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import type { ResolvedConfig } from '../../../server/model/connections';
import type { PlacedSection } from '../../../server/model/include-graph';
import type { LintDiagnostic } from '../../../server/rules/rule';
import { lintConf } from '../../../server/service/lint-conf';

/*
 * Per-conn agreement with a Libreswan 5.x pluto, counted as ../shared/corpus/README.md says.
 * The test (test/corpus/agreement-5x.test.ts) and the tool (tools/agreement-5x.ts) both count
 * through here, so the figure the tool prints is the figure the test holds.
 */

export type Version5 = '5.2' | '5.4';

export interface ConnVerdict5 {
  readonly exit: number;
  readonly messages: readonly string[];
}

export interface FileVerdict5 {
  readonly file: string;
  readonly version: string;
  readonly load: { readonly exit: number; readonly messages: readonly string[] };
  readonly conns?: Readonly<Record<string, ConnVerdict5>>;
}

export function verdictsPath(corpusDir: string, version: Version5): string {
  return join(corpusDir, `VERDICTS-libreswan-${version}.jsonl`);
}

export function verdictsPresent(corpusDir: string, version: Version5): boolean {
  return existsSync(verdictsPath(corpusDir, version));
}

export function readVerdicts5(corpusDir: string, version: Version5): FileVerdict5[] {
  return readFileSync(verdictsPath(corpusDir, version), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FileVerdict5);
}

/**
 * Refusals that the host decides, not the files: the NSS database's certificates, kernel
 * features, interfaces, DNS, and key exchange methods the NSS build lacks (ML-KEM).
 */
export const HOST_DEPENDENT: readonly RegExp[] = [
  /not found in the NSS database/,
  /IPTFS is not supported by the kernel/,
  /ipsec-interface=\S* is not supported/,
  /does not appear to be an interface/,
  /domain '[^']*' has no data/,
  /failed to resolve/,
  /name lookup failed/,
  // dnssec-anchors= names a file of the host's (the test machine's trust anchors).
  /no trust anchor files matched/,
  /Key Exchange Method \(DH\) '[^']*ml_?kem[^']*' is not supported/i,
];

const BUILDING_BLOCK_REASONS: readonly RegExp[] = [/\bleft= is not set/, /\bright= is not set/];

/** The lines of a refusal that say why (pluto's "failed to add", or addconn's ERROR). */
export function refusalReasons(verdict: ConnVerdict5): string[] {
  const lines = verdict.messages.filter((m) => /failed to add connection|ERROR|not held by pluto/.test(m));
  return lines.length > 0 ? lines : [...verdict.messages];
}

function hostDependent(verdict: ConnVerdict5): boolean {
  return refusalReasons(verdict).some((m) => HOST_DEPENDENT.some((re) => re.test(m)));
}

/** One counted verdict: a whole file that does not load, or one conn of a file that does. */
export interface Judgement {
  readonly file: string;
  /** Absent for a file that does not load (one verdict for the file). */
  readonly conn?: string;
  readonly libreswanRefuses: boolean;
  readonly weRefuse: boolean;
  /** Libreswan's reason when it refuses; ours when only we do. */
  readonly detail: string;
  /** Libreswan's reason with names and numbers taken out, for grouping disagreements. */
  readonly group: string;
}

export interface AgreementReport {
  readonly version: Version5;
  readonly judgements: readonly Judgement[];
  readonly disagreements: readonly Judgement[];
  readonly agreed: number;
  /** Files that do not load, and whether we flagged each. */
  readonly unloadedFiles: readonly { readonly file: string; readonly flagged: boolean }[];
  /** What was left out, and why (counts). */
  readonly skipped: Readonly<Record<string, number>>;
}

/** `file` for a file-level verdict, `file: conn` for a conn. */
export function judgementKey(j: Pick<Judgement, 'file' | 'conn'>): string {
  return j.conn === undefined ? j.file : `${j.file}: ${j.conn}`;
}

export function reasonGroup(message: string): string {
  return message
    .replace(/^warning: /, '')
    .replace(/^"[^"]*"(\[\d+\])?:? ?/, '')
    .replace(/^ipsec addconn: /, '')
    .replace(/failed to add connection: /, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/[0-9a-f:.]*\d[0-9a-f:.]*(\/\d+)?/gi, 'N')
    .slice(0, 120);
}

function lines(section: PlacedSection): { readonly first: number; readonly last: number } {
  const s = section.section;
  const last = s.body.length > 0 ? s.body[s.body.length - 1].range.end.line : s.header.range.end.line;
  return { first: s.header.range.start.line, last };
}

/** The conns an error names, or whose section holds its line. */
function refusedConns(config: ResolvedConfig, diagnostics: readonly LintDiagnostic[]): Set<string> {
  const sections: { name: string; file: string; first: number; last: number }[] = [];
  for (const [name, placed] of config.sectionsByName) {
    for (const p of placed) sections.push({ name, file: p.file.path, ...lines(p) });
  }
  const refused = new Set<string>();
  for (const d of diagnostics) {
    if (!d.rejectedByLibreswan || d.severity !== 'error') continue;
    const named = (d as { conn?: string }).conn;
    if (named !== undefined) {
      refused.add(named);
      continue;
    }
    for (const s of sections) {
      if (s.file === d.file && d.range.start.line >= s.first && d.range.start.line <= s.last) refused.add(s.name);
    }
  }
  return refused;
}

/** Conns another conn names in `also=`. */
function alsoTargets(config: ResolvedConfig): Set<string> {
  const targets = new Set<string>();
  for (const [placed, list] of config.assignments) {
    if (placed.section.kind !== 'conn') continue;
    for (const a of list) if (a.meaning.kind === 'known' && a.meaning.storageKey === 'also') targets.add(a.value.trim());
  }
  return targets;
}

function ownAuto(config: ResolvedConfig, name: string): boolean {
  return (config.sectionsByName.get(name) ?? []).some((p) => (config.assignments.get(p) ?? []).some((a) => a.meaning.kind === 'known' && a.meaning.storageKey === 'auto'));
}

function effectiveAuto(config: ResolvedConfig, name: string): boolean {
  return config.conns.some((c) => c.name === name && c.settings.has('auto'));
}

/** An end without its host (`left=`/`right=`), after `%default` and `also=`. */
function lacksAnEnd(config: ResolvedConfig, name: string): boolean {
  return config.conns.some((c) => c.name === name && (!c.settings.has('left') || !c.settings.has('right')));
}

export interface MeasureOptions {
  /** Only these files (corpus-relative); all by default. */
  readonly only?: (file: string) => boolean;
}

export function measureConnAgreement(corpusDir: string, version: Version5, options: MeasureOptions = {}): AgreementReport {
  const judgements: Judgement[] = [];
  const unloadedFiles: { file: string; flagged: boolean }[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  // 5.2 adds a conn with subnets= as alias conns (`east/0x1`) and files the alias's refusal
  // under the alias's name, so the conn's own line has no message; the other release's
  // verdict on the same conn says why (checked live: a certificate missing from NSS).
  const otherVersion: Version5 = version === '5.2' ? '5.4' : '5.2';
  const other = verdictsPresent(corpusDir, otherVersion) ? new Map(readVerdicts5(corpusDir, otherVersion).map((o) => [o.file, o])) : new Map<string, FileVerdict5>();
  for (const v of readVerdicts5(corpusDir, version)) {
    if (options.only && !options.only(v.file)) continue;
    const loadFails = v.load.exit !== 0;
    if (!loadFails && v.load.messages.some((m) => /could not open include/.test(m))) {
      skip('file: an include Libreswan could not open');
      continue;
    }
    const path = join(corpusDir, v.file);
    const { config, diagnostics } = lintConf({
      path,
      text: readFileSync(path, 'utf8'),
      fs: nodeFileSystem,
      cwd: dirname(path),
      settings: { libreswanVersion: version, root: corpusDir, fips: false, rules: {} },
    });
    const ourErrors = diagnostics.filter((d) => d.rejectedByLibreswan && d.severity === 'error');
    const oursText = (list: readonly LintDiagnostic[]): string => list.map((d) => `${d.ruleId}: ${d.message}`).join(' / ');
    if (loadFails) {
      const weRefuse = ourErrors.length > 0;
      unloadedFiles.push({ file: v.file, flagged: weRefuse });
      const reason = v.load.messages.find((m) => /ERROR|error/.test(m)) ?? v.load.messages.join(' / ');
      judgements.push({ file: v.file, libreswanRefuses: true, weRefuse, detail: weRefuse ? oursText(ourErrors) : reason, group: `file does not load: ${reasonGroup(reason)}` });
      continue;
    }
    const refused = refusedConns(config, diagnostics);
    // addconn's "cannot find conn 'X' needed by conn 'Y'" means Y was not added (README), whatever pluto says of Y.
    const notAdded = new Set<string>();
    for (const m of v.load.messages) {
      const found = /cannot find conn '[^']*' needed by conn '([^']*)'/.exec(m);
      if (found) notAdded.add(found[1]);
    }
    const templates = alsoTargets(config);
    for (const [name, verdict] of Object.entries(v.conns ?? {})) {
      if (name === '%default') continue;
      if (templates.has(name) && !ownAuto(config, name)) {
        skip('conn: template (named in also=, no auto= of its own)');
        continue;
      }
      const libreswanRefuses = verdict.exit !== 0 || notAdded.has(name);
      const reasons = verdict.exit !== 0 ? refusalReasons(verdict) : libreswanRefuses ? v.load.messages.filter((m) => m.includes(`needed by conn '${name}'`)) : [];
      // 5.2's addconn drops a conn without both ends before pluto sees it, and says nothing.
      const silentlyIncomplete = libreswanRefuses && reasons.length === 0 && lacksAnEnd(config, name);
      const onlyAnEndMissing = silentlyIncomplete || (reasons.length > 0 && reasons.every((m) => BUILDING_BLOCK_REASONS.some((re) => re.test(m))));
      if (libreswanRefuses && !effectiveAuto(config, name) && onlyAnEndMissing) {
        skip('conn: building block (no auto=, lacks an end)');
        continue;
      }
      const otherVerdict = other.get(v.file)?.conns?.[name];
      const silentAlias = libreswanRefuses && verdict.messages.length === 0 && !silentlyIncomplete && otherVerdict !== undefined && otherVerdict.exit !== 0 && hostDependent(otherVerdict);
      if (silentAlias) {
        skip(`conn: refusal the host decides (said by ${otherVersion} for the same conn)`);
        continue;
      }
      if (libreswanRefuses && hostDependent(verdict)) {
        skip('conn: refusal the host decides');
        continue;
      }
      const weRefuse = refused.has(name);
      const ours = ourErrors.filter((d) => (d as { conn?: string }).conn === name || refusedConns(config, [d]).has(name));
      const reason = silentlyIncomplete ? 'left= or right= is not set (addconn drops the conn without a word)' : reasons.join(' / ');
      judgements.push({
        file: v.file,
        conn: name,
        libreswanRefuses,
        weRefuse,
        detail: libreswanRefuses ? reason : oursText(ours),
        group: libreswanRefuses ? reasonGroup(reasons[reasons.length - 1] ?? reason) : `we refuse: ${ours[0]?.ruleId ?? '?'}`,
      });
    }
  }
  const disagreements = judgements.filter((j) => j.libreswanRefuses !== j.weRefuse);
  return { version, judgements, disagreements, agreed: judgements.length - disagreements.length, unloadedFiles, skipped };
}

/** The disagreements by reason, biggest group first. */
export function groupDisagreements(report: AgreementReport): [string, Judgement[]][] {
  const groups = new Map<string, Judgement[]>();
  for (const d of report.disagreements) {
    const key = `${d.libreswanRefuses ? 'Libreswan refuses, we hold' : 'we refuse, Libreswan holds'}: ${d.group}`;
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}
