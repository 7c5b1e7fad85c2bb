// One fuzz run: generate N files, ask the live oracle about each (a few at a time), lint
// each, compare per conn. With fips, each file is judged twice (pluto and ipsec-lint
// both in and out of FIPS mode) so that the FIPS part of the verdict can be told apart.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateFile, type FuzzVersion, type Profile } from './generate';
import { compare, lintVerdict, type ConnOutcome } from './judge';
import { askOracle, askSteadily, loadVerdict, oracleMissing, storeVerdict, type OracleVerdict, type StoredVerdict } from './oracle';
import { fileSeed } from './random';
import type { Disagreement } from './report';

export interface FuzzOptions {
  readonly n: number;
  readonly seed: number;
  readonly version: FuzzVersion;
  readonly fips: boolean;
  readonly jobs: number;
  /** What the generator stresses; the FIPS runs default to `crypto` (proposals first). */
  readonly profile?: Profile;
  /** Folder the generated files go to (kept so that a disagreement can be replayed). */
  readonly dir?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Re-judge with the pluto verdicts kept beside the files of an earlier run of the same
   * seed (NNNNN.conf.oracle.json), asking pluto only about files without one.
   */
  readonly reuse?: boolean;
}

export interface FuzzSummary {
  readonly version: FuzzVersion;
  readonly fips: boolean;
  readonly files: number;
  readonly counted: number;
  readonly agreed: number;
  readonly skipped: number;
  readonly skippedHost: number;
  readonly plutoRefused: number;
  readonly disagreements: readonly Disagreement[];
  /** Files the oracle could not judge (pluto did not start...). */
  readonly oracleErrors: readonly string[];
  /** FIPS only: conns where ipsec-lint agrees with pluto outside FIPS mode, and of those how many also agree in FIPS mode. */
  readonly fipsIsolated?: { readonly counted: number; readonly agreed: number; readonly disagreements: readonly Disagreement[] };
  /** Conns whose oracle answers differed between reruns (the majority of three is used). */
  readonly flaky: number;
  readonly seconds: number;
}

async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}

const lintVersion = (v: FuzzVersion): '4.10' | '5.2' | '5.4' => v;

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const missing = oracleMissing(options.version, options.fips);
  if (missing) throw new Error(missing);
  const started = Date.now();
  const dir = resolve(options.dir ?? join('.scratch', 'oracle-fuzz', `${options.version}${options.fips ? '-fips' : ''}-seed${options.seed}`));
  mkdirSync(dir, { recursive: true });
  const secrets = join(dir, 'empty.secrets');
  writeFileSync(secrets, '');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });

  let counted = 0, agreed = 0, skipped = 0, skippedHost = 0, plutoRefused = 0, done = 0, flaky = 0;
  const disagreements: Disagreement[] = [];
  const oracleErrors: string[] = [];
  const isolated = { counted: 0, agreed: 0, disagreements: [] as Disagreement[] };
  const indices = Array.from({ length: options.n }, (_, i) => i);

  await pool(indices, options.jobs, async (i) => {
    const file = join(dir, `${String(i).padStart(5, '0')}.conf`);
    const text = generateFile(fileSeed(options.seed, i), options.version, options.profile ?? (options.fips ? 'crypto' : 'mixed'));
    const kept = (suffix: string): OracleVerdict | undefined => {
      const path = `${file}${suffix}`;
      if (!options.reuse || !existsSync(path) || !existsSync(file) || readFileSync(file, 'utf8') !== text) return undefined;
      return loadVerdict(JSON.parse(readFileSync(path, 'utf8')) as StoredVerdict);
    };
    const steady = async (fips: boolean, lint: ReturnType<typeof lintVerdict>): Promise<OracleVerdict> => {
      const suffix = fips === options.fips ? '.oracle.json' : '.oracle-plain.json';
      const reused = kept(suffix);
      if (reused && !reused.error) return reused;
      const { verdict, flaky: unsteady } = await askSteadily(() => askOracle(file, options.version, { fips, secrets, tmp }), (v) => compare(v, lint, undefined, options.version).outcomes.some((o) => o.pluto !== o.lint));
      flaky += unsteady.length;
      if (!verdict.error) writeFileSync(`${file}${suffix}`, JSON.stringify(storeVerdict(verdict)));
      return verdict;
    };
    const reusable = kept('.oracle.json') !== undefined;
    if (!reusable) writeFileSync(file, text);
    const lint = lintVerdict(file, lintVersion(options.version), options.fips);
    const oracle = await steady(options.fips, lint);
    if (oracle.error) {
      oracleErrors.push(`${file}: ${oracle.error}`);
    } else {
      const result = compare(oracle, lint, undefined, options.version);
      skipped += result.skipped.length;
      skippedHost += result.skipped.filter((s) => s.why.startsWith('host')).length;
      for (const o of result.outcomes) {
        counted++;
        if (o.pluto) plutoRefused++;
        if (o.pluto === o.lint) agreed++;
        else disagreements.push({ ...o, file });
      }
      if (options.fips) {
        const plainLint = lintVerdict(file, lintVersion(options.version), false);
        const plain = await steady(false, plainLint);
        if (!plain.error) {
          const base = new Map<string, ConnOutcome>(compare(plain, plainLint, undefined, options.version).outcomes.map((o) => [o.conn, o]));
          for (const o of result.outcomes) {
            const b = base.get(o.conn);
            if (!b || b.pluto !== b.lint) continue;
            isolated.counted++;
            if (o.pluto === o.lint) isolated.agreed++;
            else isolated.disagreements.push({ ...o, file });
          }
        }
      }
    }
    options.onProgress?.(++done, options.n);
  });
  return {
    version: options.version, fips: options.fips, files: options.n, counted, agreed, skipped, skippedHost, plutoRefused,
    disagreements, oracleErrors, fipsIsolated: options.fips ? isolated : undefined, flaky, seconds: (Date.now() - started) / 1000,
  };
}
