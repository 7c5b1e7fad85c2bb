/**
 * In-process latency of the language service on a generated 5,000-line ipsec.conf:
 * re-validation after a one-character edit, completion and hover. Called by the bench
 * runner; `node --import tsx bench/lsp.ts` runs it alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConf } from '../grammar/conf/parse';
import { addressSyntax } from '../schemas/address-syntax';
import { versionBehaviour } from '../schemas/behaviour';
import { keywordTable } from '../schemas/keywords';
import { resolveConnections } from '../server/model/connections';
import { loadConfig } from '../server/model/include-graph';
import { nodeFileSystem } from '../server/model/node-file-system';
import { confRules } from '../server/rules/registry';
import { runConfRulesIncremental, type ConfRulesMemo } from '../server/rules/incremental';
import { VALIDATION_YOUNG_GENERATION_MB } from '../server/lsp/background-validation';
import { LanguageService } from '../server/service/language-service';
import { applySuppressions } from '../server/service/suppressions';
import { defaultSettings } from '../server/settings/lint-settings';

export interface OperationTiming {
  readonly operation: string;
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

const GENERATOR = join(import.meta.dirname, '../../shared/oracle/gen-conf.py');
const ADDCONN = '/usr/libexec/ipsec/addconn';

/** The oracle's generator when present (400 conns ≈ 5,200 lines), else an equivalent config built here. */
function generatedConfig(conns: number): string {
  if (existsSync(GENERATOR)) {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-'));
    try {
      execFileSync('python3', [GENERATOR, String(conns), '-o', join(dir, 'ipsec.conf')]);
      return readFileSync(join(dir, 'ipsec.conf'), 'utf8');
    } catch {
      // fall through to the built-in generator
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const parts = ['config setup\n\tlogfile=/dev/null\n\tuniqueids=yes\n'];
  for (let i = 0; i < conns; i++) {
    const a = `${i >> 8}.${i & 255}`;
    parts.push(`\nconn c${i}\n\tleft=10.1.${a}\n\tleftid=@west${i}.example.org\n\tleftsubnet=100.${a}.0/24\n\tright=10.2.${a}\n\trightid=@east${i}.example.org\n\trightsubnet=150.${a}.0/24\n\tike=aes256-sha2_256-dh19\n\tesp=aes256-sha2_256\n\tauthby=secret\n\tikelifetime=1h\n\tauto=add\n`);
  }
  return parts.join('');
}

/**
 * The process's CPU time in milliseconds. Latencies are measured in CPU time: on a machine
 * shared with other work, wall time mostly measures how long the neighbours held the cores.
 */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(operation: string, samples: number[]): OperationTiming {
  const sorted = [...samples].sort((a, b) => a - b);
  return { operation, samples: sorted.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

/** Where a re-validation's time goes, measured apart on the same edits: each step of lintConf, and the rules that still run on the whole config. */
export interface RevalidationBreakdown {
  readonly steps: readonly OperationTiming[];
  /** The whole-config rules, slowest first (median CPU ms). */
  readonly wholeRules: readonly OperationTiming[];
  /** Conns re-checked per edit (median) out of all. */
  readonly checkedConns: number;
  readonly conns: number;
}

function breakdownOf(path: string, texts: readonly string[]): RevalidationBreakdown {
  const version = defaultSettings.libreswanVersion;
  const table = keywordTable(version);
  const behaviour = versionBehaviour[version];
  const steps: Record<string, number[]> = { parse: [], 'include graph': [], resolve: [], 'rules (incremental)': [], suppressions: [] };
  const whole: Record<string, number[]> = {};
  const checked: number[] = [];
  let memo: ConfRulesMemo | undefined;
  let conns = 0;
  texts.forEach((text, i) => {
    const sink = i < 3 ? undefined : steps;
    const step = <T>(name: string, run: () => T): T => {
      const started = cpuNow();
      const result = run();
      sink?.[name].push(cpuNow() - started);
      return result;
    };
    const conf = step('parse', () => parseConf(text));
    const loaded = step('include graph', () => loadConfig(path, conf, { fs: nodeFileSystem, cwd: join(path, '..') }));
    const config = step('resolve', () => resolveConnections(loaded, table, behaviour));
    const context = { version, table, behaviour, syntax: addressSyntax[version], config, fips: false };
    const run = step('rules (incremental)', () => runConfRulesIncremental(context, {}, memo));
    memo = run.memo;
    conns = config.conns.length;
    if (sink) checked.push(run.checkedConns);
    const files = new Map(loaded.files.map((f) => [f.path, f.conf]));
    step('suppressions', () => applySuppressions(run.diagnostics, files, {}));
    if (!sink) return;
    // Again on the same config (shared work such as proposal readings is then already done): what each whole-config rule costs alone.
    for (const rule of confRules) {
      if (rule.meta.perConn || rule.meta.perSection) continue;
      const started = cpuNow();
      rule.check(context, () => undefined);
      (whole[rule.meta.id] ??= []).push(cpuNow() - started);
    }
  });
  const wholeRules = Object.entries(whole).map(([id, samples]) => summarise(id, samples)).sort((a, b) => b.medianMs - a.medianMs);
  return {
    steps: Object.entries(steps).map(([name, samples]) => summarise(name, samples)),
    wholeRules,
    checkedConns: [...checked].sort((a, b) => a - b)[Math.floor(checked.length / 2)] ?? 0,
    conns,
  };
}

/**
 * Runs each operation `iterations` times after a warm-up and returns median and p95 in
 * milliseconds of CPU time. 100 edits, not 30: the full re-lint timed between them leaves
 * garbage that the next edit's collection pays for, and over 30 edits the median moved by
 * half between two runs on an idle machine (16.7 and 25.9 ms); over 100 it holds within 1 ms.
 */
export async function benchLanguageServer(options: { iterations?: number; conns?: number } = {}): Promise<{ timings: OperationTiming[]; breakdown: RevalidationBreakdown }> {
  const iterations = options.iterations ?? 100;
  // The big file includes a small one, as ipsec.conf includes ipsec.d/*.conf: editing the
  // small one shows what re-validation costs when the big file need not be parsed again.
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-'));
  mkdirSync(join(dir, 'ipsec.d'));
  const smallPath = join(dir, 'ipsec.d', 'small.conf');
  const smallText = 'conn small\n\talso=c1\n\tikelifetime=1h\n';
  writeFileSync(smallPath, smallText);
  const text = `${generatedConfig(options.conns ?? 400)}\ninclude ${smallPath}\n`;
  const lines = text.split('\n');
  const path = join(dir, 'ipsec.conf');
  writeFileSync(path, text);
  const uri = pathToFileURL(path).href;
  const smallUri = pathToFileURL(smallPath).href;
  const service = new LanguageService({ fs: nodeFileSystem, settingsFor: () => defaultSettings });
  // The baseline, in the same run: every rule on the whole config after each edit, as before the incremental lint.
  const fullService = new LanguageService({ fs: nodeFileSystem, settingsFor: () => defaultSettings, incrementalRules: false });

  // Edit, complete and hover in the middle of the file, where a person would be.
  const lifetimeLine = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+ikelifetime=\d/.test(l));
  const autoLine = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+auto=/.test(l));
  const connLine = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('conn '));
  const digitAt = lines[lifetimeLine].indexOf('=') + 1;
  const autoValueAt = lines[autoLine].indexOf('=') + 1;

  let version = 1;
  service.openDocument(uri, 'ipsec-conf', version, text);
  service.openDocument(smallUri, 'ipsec-conf', version, smallText);
  service.validate();
  fullService.openDocument(uri, 'ipsec-conf', version, text);
  fullService.validate();
  const timings = {
    revalidate: [] as number[],
    '  of which parse': [] as number[],
    '  of which analysis': [] as number[],
    'revalidate (included)': [] as number[],
    'full re-lint (before)': [] as number[],
    'completion (value)': [] as number[], 'completion (keyword)': [] as number[], 'hover (keyword)': [] as number[], 'hover (conn)': [] as number[] };
  const editedTexts: string[] = [];
  const time = (list: number[], run: () => unknown): void => {
    const started = cpuNow();
    run();
    list.push(cpuNow() - started);
  };
  for (let i = -3; i < iterations; i++) {
    const digit = String((i + 10) % 9 + 1);
    const line = lines[lifetimeLine];
    const edited = [...lines.slice(0, lifetimeLine), line.slice(0, digitAt) + digit + line.slice(digitAt + 1), ...lines.slice(lifetimeLine + 1)].join('\n');
    const sink = i < 0 ? ([] as number[]) : undefined;
    editedTexts.push(edited);
    const parseStarted = cpuNow();
    service.changeDocument(uri, ++version, edited);
    const analysisStarted = cpuNow();
    service.validate();
    const done = cpuNow();
    if (!sink) {
      timings.revalidate.push(done - parseStarted);
      timings['  of which parse'].push(analysisStarted - parseStarted);
      timings['  of which analysis'].push(done - analysisStarted);
    }
    time(sink ?? timings['revalidate (included)'], () => {
      service.changeDocument(smallUri, version, smallText.replace('1h', `${digit}h`));
      service.validate();
    });
    time(sink ?? timings['full re-lint (before)'], () => {
      fullService.changeDocument(uri, version, edited);
      fullService.validate();
    });
    time(sink ?? timings['completion (value)'], () => service.completion(uri, { line: autoLine, character: autoValueAt }));
    time(sink ?? timings['completion (keyword)'], () => service.completion(uri, { line: autoLine, character: 1 }));
    time(sink ?? timings['hover (keyword)'], () => service.hover(uri, { line: autoLine, character: 2 }));
    time(sink ?? timings['hover (conn)'], () => service.hover(uri, { line: connLine, character: 6 }));
  }
  const breakdown = breakdownOf(path, editedTexts);
  rmSync(dir, { recursive: true, force: true });
  return { timings: Object.entries(timings).map(([operation, samples]) => summarise(operation, samples)), breakdown };
}

export interface MemoryAcrossEdits {
  readonly edits: number;
  readonly lines: number;
  /** Heap after a full collection at each tenth of the edits (the first a tenth of the way through). */
  readonly heapMb: readonly number[];
}

/**
 * Heap across many one-character edits, each re-validated: caches keyed by text (line
 * readings, proposals, the per-conn findings of the incremental lint) must not grow with
 * the edit history. What could leak is per edit, not per line of the file, so the 10,000
 * edits are made to a smaller file (40 conns, about 520 lines) to finish in seconds rather
 * than minutes. Needs `--expose-gc`.
 */
export function memoryAcrossEdits(edits: number, conns = 40): MemoryAcrossEdits {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memoryAcrossEdits needs node --expose-gc');
  const text = generatedConfig(conns);
  const lines = text.split('\n');
  const target = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+ikelifetime=\d/.test(l));
  const at = lines[target].indexOf('=') + 1;
  const before = lines.slice(0, target).join('\n');
  const after = lines.slice(target + 1).join('\n');
  const uri = 'file:///bench/ipsec.conf';
  const service = new LanguageService({ fs: nodeFileSystem, settingsFor: () => defaultSettings });
  service.openDocument(uri, 'ipsec-conf', 1, text);
  service.validate();
  const heapMb: number[] = [];
  const tenth = Math.max(1, Math.floor(edits / 10));
  for (let i = 1; i <= edits; i++) {
    // A different value every time (a number that grows), so no cache sees the same text twice.
    service.changeDocument(uri, i + 1, `${before}\n${lines[target].slice(0, at)}${i}h\n${after}`);
    service.validate();
    if (i % tenth === 0 || i === edits) {
      collect();
      heapMb.push(process.memoryUsage().heapUsed / 1e6);
    }
  }
  return { edits, lines: lines.length, heapMb };
}

/**
 * The baseline measured in the same run: Debian Libreswan's `addconn --checkconfig` reading
 * the same 5,000-line file (a whole process; best of five).
 */
function addconnBaselineMs(conns: number): number | undefined {
  if (!existsSync(ADDCONN)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-'));
  try {
    const file = join(dir, 'ipsec.conf');
    writeFileSync(file, generatedConfig(conns));
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      spawnSync(ADDCONN, ['--config', file, '--checkconfig'], { stdio: 'ignore' });
      best = Math.min(best, performance.now() - started);
    }
    return best;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const REVALIDATE_LIMIT_MS = 20;
const QUERY_LIMIT_MS = 5;
/** Growth allowed between a tenth of the edits and the end: noise of the collector, not a leak. */
const MEMORY_GROWTH_LIMIT_MB = 5;

/**
 * Lines for `npm run bench`. The language server runs the bundled code (dist/), so this
 * module is bundled the same way and run in a child process with --expose-gc: running it
 * through tsx would time tsx's source maps, not the server.
 */
export async function run(): Promise<string[]> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-lsp-'));
  try {
    const outfile = join(dir, 'lsp-bench.cjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'lsp.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
      define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname_of_source' },
      banner: { js: `const __importMetaUrl = require('node:url').pathToFileURL(__filename).href; const __dirname_of_source = ${JSON.stringify(import.meta.dirname)};` },
    });
    const edits = Number(process.env.BENCH_EDITS ?? 10_000);
    // The server validates in a worker with a larger young generation (VALIDATION_YOUNG_GENERATION_MB);
    // V8 sizes a young generation at three times its semi-space, so this gives the bench the same.
    const semiSpaceMb = Math.round(VALIDATION_YOUNG_GENERATION_MB / 3);
    const child = spawnSync(process.execPath, ['--expose-gc', `--max-semi-space-size=${semiSpaceMb}`, outfile, '--json', String(edits)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) return [`language-server bench failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`];
    const { timings, breakdown, memory } = JSON.parse(child.stdout) as { timings: OperationTiming[]; breakdown: RevalidationBreakdown; memory: MemoryAcrossEdits };
    const lines = timings.map((r) => {
      const limit = r.operation.startsWith('revalidate') ? REVALIDATE_LIMIT_MS : r.operation.startsWith('  ') || r.operation.startsWith('full') ? undefined : QUERY_LIMIT_MS;
      const verdict = limit === undefined ? '' : `   (target ≤ ${limit} ms) ${r.medianMs <= limit ? 'met' : 'MISSED'}`;
      return `${r.operation.padEnd(22)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p95 ${r.p95Ms.toFixed(2).padStart(8)} ms   (${r.samples} runs)${verdict}`;
    });
    const incremental = timings.find((r) => r.operation === 'revalidate');
    const full = timings.find((r) => r.operation === 'full re-lint (before)');
    if (incremental && full) lines.push(`incremental re-validation / full re-lint, same run: median ${(incremental.medianMs / full.medianMs).toFixed(2)}, p95 ${(incremental.p95Ms / full.p95Ms).toFixed(2)}`);
    const [early] = memory.heapMb;
    const final = memory.heapMb[memory.heapMb.length - 1];
    const growth = final - early;
    lines.push(
      `memory across ${memory.edits} edits (${memory.lines}-line file)  heap ${early.toFixed(1)} MB after ${Math.max(1, Math.floor(memory.edits / 10))}, ${final.toFixed(1)} MB after ${memory.edits} ` +
        `(tenths: ${memory.heapMb.map((m) => m.toFixed(1)).join(' ')}): growth ${growth.toFixed(1)} MB (target ≤ ${MEMORY_GROWTH_LIMIT_MB} MB) ${growth <= MEMORY_GROWTH_LIMIT_MB ? 'met' : 'MISSED'}`,
    );
    const revalidateMedian = timings.find((r) => r.operation === 'revalidate')?.medianMs ?? Number.POSITIVE_INFINITY;
    if (revalidateMedian > REVALIDATE_LIMIT_MS) lines.push(...breakdownLines(breakdown));
    const baseline = addconnBaselineMs(400);
    const revalidate = timings.find((r) => r.operation === 'revalidate');
    if (baseline !== undefined && revalidate) {
      lines.push(`for scale: addconn --checkconfig on the same file ${baseline.toFixed(0)} ms wall; re-validation median / that = ${(revalidate.medianMs / baseline).toFixed(2)}`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where the re-validation's time goes, for a missed target, and what to do next. */
function breakdownLines(b: RevalidationBreakdown): string[] {
  const out = [`  where it goes (each step of the lint measured apart on the same edits; ${b.checkedConns} of ${b.conns} conns re-checked per edit, the rest reused):`];
  for (const s of b.steps) out.push(`    ${s.operation.padEnd(22)} median ${s.medianMs.toFixed(2).padStart(6)} ms`);
  out.push(`    whole-config rules, slowest: ${b.wholeRules.slice(0, 5).map((r) => `${r.operation} ${r.medianMs.toFixed(2)} ms`).join(', ')}`);
  out.push('  next step: keep the resolved conns of the unchanged sections (re-resolve only the edited conn and its also=/%default dependants), and give the proposal rules a per-use memo like the per-conn one');
  return out;
}

async function main(): Promise<void> {
  const { timings, breakdown } = await benchLanguageServer();
  if (process.argv[2] === '--json') {
    console.log(JSON.stringify({ timings, breakdown, memory: memoryAcrossEdits(Number(process.argv[3] ?? 10_000)) }));
    return;
  }
  for (const r of timings) console.log(`${r.operation.padEnd(22)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p95 ${r.p95Ms.toFixed(2).padStart(8)} ms   (${r.samples} runs)`);
  for (const line of breakdownLines(breakdown)) console.log(line);
}

// Run directly (`node --import tsx bench/lsp.ts`), or bundled by run() above (no top-level await: the bundle is CommonJS).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error((error as Error).stack);
    process.exitCode = 1;
  });
}
