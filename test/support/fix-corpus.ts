import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConfLine } from '../../grammar/conf/syntax-tree';
import type { ResolvedConfig } from '../../server/model/connections';
import type { PlacedSection } from '../../server/model/include-graph';
import { nodeFileSystem } from '../../server/model/node-file-system';
import type { LintDiagnostic } from '../../server/rules/rule';
import { fixAllConf } from '../../server/service/fix-all';
import { lintConf } from '../../server/service/lint-conf';
import { defaultSettings } from '../../server/settings/lint-settings';
import { corpusDir } from './corpus';
import { libreswanVerdict, verdict410, type Diagnostic410, type OracleVerdict, type OracleVersion } from './libreswan-oracle';

/*
 * What `--fix --libreswan-version V` does for the corpus files Libreswan V refuses: after the
 * fix, Libreswan V loads the file and adds its conns, or ipsec-lint still reports an error
 * (rejectedByLibreswan, with its reason) for every part Libreswan refuses. Counted by the
 * corpus README's rules: refusals that depend on the host rather than the file (certificates
 * not in the NSS database, kernel features, interfaces, DNS, ML-KEM in NSS) and the conns that
 * are only building blocks (templates named in also=, or a conn without auto= refused only for
 * a missing left=/right=) are left out.
 */

const HOST_DEPENDENT: readonly RegExp[] = [
  /certificate '[^']*' not found in the NSS database/,
  /IPTFS/i,
  /ipsec-interface/,
  /does not appear to be an interface/,
  /DNSSEC|name lookup failed|failed to resolve|could not resolve|DNS lookup|has no data: Server Failure/i,
  /ml_kem/i,
  // A next hop given as a host name (docs/examples' YourGwIP) is looked up in DNS when the conn loads.
  /bad value for (left|right)nexthop=[A-Za-z][\w.-]*$|(left|right)nexthop=[A-Za-z][\w.-]* invalid$/,
  // Debian's 4.10 is built without USE_SECCOMP; RHEL and Fedora builds accept seccomp= (docs/corpus-agreement-4.10.md).
  /syntax error \[seccomp\]/,
];
const BUILDING_BLOCK = /(left|right)= is not set/;
const INCLUDE_UNRESOLVED = /could not open include|problem with include|problem with ipsec\.conf file/;

export const hostDependent = (message: string): boolean => HOST_DEPENDENT.some((r) => r.test(message));

interface RecordedVerdict410 {
  readonly file: string;
  readonly exit: number;
  readonly diagnostics: readonly Diagnostic410[];
}
interface RecordedVerdict5 {
  readonly file: string;
  readonly load: { readonly exit: number; readonly messages: readonly string[] };
  readonly conns?: Readonly<Record<string, { readonly exit: number; readonly messages: readonly string[] }>>;
}

function jsonLines<T>(name: string): T[] {
  return readFileSync(join(corpusDir, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** The model of a text for a version, for telling templates and building blocks apart. */
function model(path: string, text: string, version: OracleVersion): { config: ResolvedConfig; diagnostics: readonly LintDiagnostic[] } {
  const result = lintConf({ path, text, fs: nodeFileSystem, cwd: dirname(path), settings: { ...defaultSettings, libreswanVersion: version, root: corpusDir } });
  return { config: result.config, diagnostics: result.diagnostics };
}

/** Pluto's reasons for refusing a conn; its warnings ("left is a groundhog") are not reasons. */
const reasons = (messages: readonly string[]): string[] => messages.filter((m) => !/\bwarning\b/i.test(m));

/** Conns whose refusal is not counted: templates other conns pull in, and building blocks. */
function uncounted(config: ResolvedConfig, conn: string, messages: readonly string[], recordedReasons: () => readonly string[]): boolean {
  const given = reasons(messages);
  const why = given.length > 0 ? given : recordedReasons();
  if (why.length > 0 && why.every(hostDependent)) return true;
  const resolved = config.conns.find((c) => c.name === conn);
  // auto=ignore tells Libreswan not to load the conn; 5.2's addconn refuses it without a word.
  if (resolved?.settings.get('auto')?.value.trim().toLowerCase() === 'ignore') return true;
  // "of its own": an auto= from conn %default does not make a template a conn of its own.
  const hasAuto = resolved?.settings.get('auto')?.via === 'conn';
  const named = config.conns.some((c) => c.alsoSections.some((s) => s.section.kind === 'conn' && s.section.name === conn));
  if (named && !hasAuto) return true;
  return !hasAuto && why.length > 0 && why.every((m) => BUILDING_BLOCK.test(m) || hostDependent(m));
}

const recorded = new Map<OracleVersion, Map<string, OracleVerdict>>();
function recordedFor(version: OracleVersion): Map<string, OracleVerdict> {
  let found = recorded.get(version);
  if (!found) recorded.set(version, (found = recordedVerdicts(version)));
  return found;
}

/**
 * Pluto sometimes refuses a conn without a word: 5.2 adds a subnets= conn as alias conns and
 * files the refusal under the alias, and a name lookup that failed once can fail silently on a
 * later run. The recorded verdicts of the same conn (this release's, then 5.4's) then give the
 * reason, as the corpus agreement measure reads it (test/corpus/support/conn-agreement.ts).
 */
function recordedReasons(file: string, conn: string, version: OracleVersion): readonly string[] {
  for (const v of [version, '5.4'] as const) {
    if (v === '4.10') continue;
    const why = reasons(recordedFor(v).get(file)?.conns?.[conn]?.messages ?? []);
    if (why.length > 0) return why;
  }
  return [];
}

/** The refusals that count, from a verdict of this harness's shape (file: the corpus path, for pluto's silent refusals). */
export function countedRefusals(verdict: OracleVerdict, config: ResolvedConfig, version: OracleVersion, file?: string): { file: readonly string[]; conns: readonly string[] } {
  if (!verdict.loads && version === '4.10') {
    const real = verdict.messages.filter((m) => !hostDependent(m));
    if (real.length > 0) return { file: real, conns: [] };
  }
  if (!verdict.loads && version !== '4.10') return { file: verdict.messages.length > 0 ? verdict.messages : ['addconn refused the file'], conns: [] };
  if (verdict.messages.some((m) => INCLUDE_UNRESOLVED.test(m))) return { file: [], conns: [] };
  const conns = Object.entries(verdict.conns ?? {})
    .filter(([name, v]) => !v.ok && name !== '%default' && !uncounted(config, name, v.messages, () => (file === undefined ? [] : recordedReasons(file, name, version))))
    .map(([name]) => name);
  return { file: [], conns };
}

/** The recorded verdicts, in this harness's shape. */
export function recordedVerdicts(version: OracleVersion): Map<string, OracleVerdict> {
  const out = new Map<string, OracleVerdict>();
  if (version === '4.10') {
    for (const v of jsonLines<RecordedVerdict410>('VERDICTS-libreswan-4.10.jsonl')) out.set(v.file, verdict410(v.exit === 0, v.diagnostics));
    return out;
  }
  for (const v of jsonLines<RecordedVerdict5>(`VERDICTS-libreswan-${version}.jsonl`)) {
    const conns: Record<string, { ok: boolean; messages: readonly string[] }> = {};
    for (const [name, c] of Object.entries(v.conns ?? {})) conns[name] = { ok: c.exit === 0, messages: c.messages };
    out.set(v.file, { loads: v.load.exit === 0, messages: v.load.messages, conns });
  }
  return out;
}

/** Corpus files (relative paths) whose recorded verdict holds a counted refusal for the version. */
export function refusedFiles(version: OracleVersion): string[] {
  const out: string[] = [];
  for (const [file, verdict] of recordedVerdicts(version)) {
    const path = join(corpusDir, file);
    const { config } = model(path, readFileSync(path, 'utf8'), version);
    const counted = countedRefusals(verdict, config, version, file);
    if (counted.file.length > 0 || counted.conns.length > 0) out.push(file);
  }
  return out.sort();
}

function sectionLines(placed: PlacedSection): { file: string; from: number; to: number } {
  const s = placed.section;
  const body: readonly ConfLine[] = s.body;
  const last = body.length > 0 ? body[body.length - 1].line : s.header.line;
  return { file: placed.file.path, from: s.header.line, to: last };
}

export type FixOutcome =
  | { readonly file: string; readonly status: 'loads' }
  | { readonly file: string; readonly status: 'explained'; readonly refusals: readonly string[] }
  | { readonly file: string; readonly status: 'unexplained'; readonly refusals: readonly string[] };

/** Fixes one refused corpus file for the version and asks that Libreswan again. */
export async function fixAndJudge(file: string, version: OracleVersion): Promise<FixOutcome> {
  const path = join(corpusDir, file);
  const text = readFileSync(path, 'utf8');
  const settings = { ...defaultSettings, libreswanVersion: version, root: corpusDir } as const;
  const fixed = fixAllConf({ path, text, fs: nodeFileSystem, cwd: dirname(path), settings });
  const verdict = await libreswanVerdict(version, path, fixed.text);
  const { config, diagnostics } = model(path, fixed.text, version);
  const counted = countedRefusals(verdict, config, version, file);
  if (counted.file.length === 0 && counted.conns.length === 0) return { file, status: 'loads' };
  // An error that says why, on the part Libreswan refuses (rejectedByLibreswan or not: some rules judge a conn only when it is added).
  const rejected = diagnostics.filter((d) => d.severity === 'error' && d.message.length > 0);
  const missing: string[] = [];
  if (counted.file.length > 0 && rejected.length === 0) missing.push(...counted.file.map((m) => `file: ${m}`));
  for (const conn of counted.conns) {
    const resolved = config.conns.find((c) => c.name === conn);
    const sections = resolved ? [resolved.placed, ...resolved.alsoSections, ...(config.sectionsByName.get('%default') ?? []), ...config.loaded.sections.filter((s) => s.section.kind === 'setup')] : [];
    const spans = sections.map(sectionLines);
    const said = rejected.some((d) => spans.some((s) => s.file === d.file && d.range.start.line >= s.from && d.range.start.line <= s.to));
    if (!said) missing.push(`conn ${conn}: ${(verdict.conns?.[conn]?.messages ?? []).join(' / ')}`);
  }
  const refusals = [...counted.file.map((m) => `file: ${m}`), ...counted.conns.map((c) => `conn ${c}`)];
  return missing.length === 0 ? { file, status: 'explained', refusals } : { file, status: 'unexplained', refusals: missing };
}
