// npm run oracle:fips [-- --version 5.4,5.2,4.10] [--jobs J] [--cache DIR] [--limit N] [--max-minutes M] [--judge-only] [--json F]
//
// FIPS agreement on the corpus: every corpus conf file is added by a pluto in FIPS mode
// (5.4, 5.2 and Debian's 4.10) and linted with --fips; counted per conn as
// ../shared/corpus/README.md says. pluto's answers are cached (one JSON line per file and
// version) so that re-judging a newer ipsec-lint costs no pluto run. The non-FIPS side of
// 5.x comes from the corpus's own VERDICTS files; 4.10's is asked here (and cached).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FuzzVersion } from './generate';
import { compare, lintVerdict, type ConnOutcome } from './judge';
import { askOracle, askSteadily, loadVerdict, oracleMissing, storeVerdict, type OracleVerdict, type StoredVerdict } from './oracle';
import { formatGroups, groupDisagreements, percent, type Disagreement } from './report';

const here = dirname(fileURLToPath(import.meta.url));
export const corpusDir = resolve(here, '../../../shared/corpus');

interface CachedVerdict extends StoredVerdict {
  readonly key: string;
}

const toCached = (key: string, v: OracleVerdict): CachedVerdict => ({ key, ...storeVerdict(v) });
const fromCached = loadVerdict;

/** A file's verdict depends on its text, and on its folder only when it includes something. */
function cacheKey(file: string, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 20);
  return /^\s*include\s/m.test(text) ? `${file}#${hash}` : hash;
}

function readCache(path: string): Map<string, CachedVerdict> {
  const map = new Map<string, CachedVerdict>();
  if (!existsSync(path)) return map;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as CachedVerdict;
    // A lost pluto (oracleLost) is asked again, like any oracle failure.
    if (!c.error && !loadVerdict(c).error) map.set(c.key, c);
  }
  return map;
}

/** The corpus's own 5.x verdict of a file, read as the live oracle's. */
function corpusVerdicts(version: '5.2' | '5.4'): Map<string, OracleVerdict> {
  const map = new Map<string, OracleVerdict>();
  const text = readFileSync(join(corpusDir, `VERDICTS-libreswan-${version}.jsonl`), 'utf8');
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const v = JSON.parse(line) as { file: string; load: { exit: number; messages: string[] }; conns: Record<string, { exit: number; messages: string[] }> };
    map.set(v.file, { loadExit: v.load.exit, loadMessages: v.load.messages, conns: new Map(Object.entries(v.conns ?? {}).map(([n, c]) => [n, { held: c.exit === 0, messages: c.messages }])) });
  }
  return map;
}

export function corpusConfFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(corpusDir, 'MANIFEST.json'), 'utf8')) as { path: string; kind: string }[];
  return manifest.filter((e) => e.kind === 'conf').map((e) => e.path);
}

async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export interface CorpusFipsSummary {
  readonly version: FuzzVersion;
  readonly counted: number;
  readonly agreed: number;
  readonly disagreements: readonly Disagreement[];
  /** Conns whose non-FIPS verdict ipsec-lint gets right: how many it also gets right in FIPS mode. */
  readonly isolated: { readonly counted: number; readonly agreed: number; readonly disagreements: readonly Disagreement[] };
  readonly leftOutIncludes: number;
  readonly judged: number;
}

const includesFailed = (v: OracleVerdict): boolean => v.loadMessages.some((m) => /could not open include|cannot open include|include.*(not found|no such)/i.test(m));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    version: { type: 'string', default: '5.4,5.2,4.10' },
    jobs: { type: 'string', default: '3' },
    cache: { type: 'string', default: '/work/notes/oracle-fips' },
    limit: { type: 'string' },
    json: { type: 'string' },
    'judge-only': { type: 'boolean', default: false },
    'max-minutes': { type: 'string' },
  } });
  const deadline = values['max-minutes'] ? Date.now() + Number(values['max-minutes']) * 60_000 : Infinity;
  const versions = values.version.split(',') as FuzzVersion[];
  for (const v of versions) {
    const missing = oracleMissing(v, true);
    if (missing) throw new Error(missing);
  }
  const cacheDir = resolve(values.cache);
  mkdirSync(cacheDir, { recursive: true });
  const secrets = join(cacheDir, 'empty.secrets');
  writeFileSync(secrets, '');
  const files = corpusConfFiles().slice(0, values.limit ? Number(values.limit) : undefined);
  const texts = new Map(files.map((f) => [f, readFileSync(join(corpusDir, f), 'utf8')]));

  // Ask pluto about every (version, mode, distinct file) not cached yet.
  type Mode = { version: FuzzVersion; fips: boolean };
  const modes = versions.flatMap((v): Mode[] => (v === '4.10' ? [{ version: v, fips: true }, { version: v, fips: false }] : [{ version: v, fips: true }]));
  const caches = new Map(modes.map((m) => {
    const path = join(cacheDir, `pluto-${m.version}${m.fips ? '-fips' : ''}.jsonl`);
    return [`${m.version}${m.fips}`, { path, map: readCache(path) }];
  }));
  const tasks: { version: FuzzVersion; fips: boolean; file: string; key: string }[] = [];
  for (const m of modes) {
    const cache = caches.get(`${m.version}${m.fips}`)!;
    const queued = new Set<string>();
    for (const f of files) {
      const key = cacheKey(f, texts.get(f)!);
      if (!cache.map.has(key) && !queued.has(key)) {
        queued.add(key);
        tasks.push({ ...m, file: f, key });
      }
    }
  }
  // Files that name algorithms first (FIPS mode changes their verdict most), then the other
  // crypto settings, then the rest; versions interleaved, so that a run cut short still
  // covers every version evenly.
  const rank = (file: string): number => {
    const text = texts.get(file)!;
    if (/^\s*(ike|esp|ah|phase2alg)\s*=/m.test(text)) return 0;
    if (/^\s*(authby|leftauth|rightauth|failureshunt|negotiationshunt|type|pfs|ikev2|keyexchange|phase2)\s*=/m.test(text)) return 1;
    return 2;
  };
  const order = new Map(modes.map((m, i) => [`${m.version}${m.fips}`, i]));
  const position = new Map<object, number>();
  for (const m of modes) tasks.filter((t) => t.version === m.version && t.fips === m.fips).forEach((t, i) => position.set(t, i));
  tasks.sort((a, b) => rank(a.file) - rank(b.file) || position.get(a)! - position.get(b)! || order.get(`${a.version}${a.fips}`)! - order.get(`${b.version}${b.fips}`)!);
  console.error(`${tasks.length} pluto runs to make (${[0, 1, 2].map((r) => tasks.filter((t) => rank(t.file) === r).length).join(' / ')} by rank)`);
  let done = 0;
  await pool(values['judge-only'] ? [] : tasks, Number(values.jobs), async (t) => {
    // Past --max-minutes: stop asking, judge what the cache holds.
    if (Date.now() > deadline) return;
    const path = join(corpusDir, t.file);
    const lint = lintVerdict(path, t.version, t.fips, corpusDir);
    const { verdict } = await askSteadily(() => askOracle(path, t.version, { fips: t.fips, secrets, tmp: join(cacheDir, 'tmp') }), (v) => compare(v, lint, undefined, t.version).outcomes.some((o) => o.pluto !== o.lint));
    const cache = caches.get(`${t.version}${t.fips}`)!;
    const c = toCached(t.key, verdict);
    appendFileSync(cache.path, `${JSON.stringify(c)}\n`);
    if (!c.error) cache.map.set(t.key, c);
    if (++done % 100 === 0) process.stderr.write(`${done}/${tasks.length} pluto runs\n`);
  });

  const summaries: CorpusFipsSummary[] = [];
  for (const version of versions) {
    const fipsCache = caches.get(`${version}true`)!.map;
    const plain = version === '4.10' ? undefined : corpusVerdicts(version);
    // The other 5.x release's corpus verdicts, for the conns 5.2 refuses without a word (judge.ts).
    const otherRelease = version === '5.2' ? corpusVerdicts('5.4') : version === '5.4' ? corpusVerdicts('5.2') : undefined;
    const plainCache = version === '4.10' ? caches.get(`${version}false`)!.map : undefined;
    let counted = 0, agreed = 0, leftOutIncludes = 0, judged = 0;
    const disagreements: Disagreement[] = [];
    const isolated = { counted: 0, agreed: 0, disagreements: [] as Disagreement[] };
    for (const f of files) {
      const key = cacheKey(f, texts.get(f)!);
      const cached = fipsCache.get(key);
      const base = plain ? plain.get(f) : plainCache?.get(key) && fromCached(plainCache.get(key)!);
      if (!cached || !base) continue;
      judged++;
      const fipsVerdict = fromCached(cached);
      if (includesFailed(fipsVerdict)) {
        leftOutIncludes++;
        continue;
      }
      const path = join(corpusDir, f);
      const other = otherRelease?.get(f);
      const inFips = compare(fipsVerdict, lintVerdict(path, version, true, corpusDir), other, version).outcomes;
      const outside = new Map<string, ConnOutcome>(compare(base, lintVerdict(path, version, false, corpusDir), other, version).outcomes.map((o) => [o.conn, o]));
      for (const o of inFips) {
        counted++;
        const ok = o.pluto === o.lint;
        if (ok) agreed++;
        else disagreements.push({ ...o, file: f });
        const b = outside.get(o.conn);
        if (!b || b.pluto !== b.lint) continue;
        isolated.counted++;
        if (ok) isolated.agreed++;
        else isolated.disagreements.push({ ...o, file: f });
      }
    }
    summaries.push({ version, counted, agreed, disagreements, isolated, leftOutIncludes, judged });
    console.log(`[oracle-fips] Libreswan ${version} FIPS on the corpus (${judged} of ${files.length} files judged): ${agreed}/${counted} conns agree (${percent(agreed, counted)}); FIPS part (conns whose non-FIPS verdict agrees): ${isolated.agreed}/${isolated.counted} (${percent(isolated.agreed, isolated.counted)}); ${leftOutIncludes} files left out (includes)`);
    if (isolated.disagreements.length > 0) console.log(formatGroups(groupDisagreements(isolated.disagreements), 2));
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(summaries, null, 1)}\n`);
}

main().catch((error: Error) => {
  console.error(`oracle-fips: ${error.message}`);
  process.exit(2);
});
