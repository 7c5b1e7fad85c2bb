import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInput, type Failure } from './check';
import { mutate, shape, type FuzzInput } from './inputs';
import { Random } from './random';

/**
 * Time an input may take: a fixed allowance (a garbage collection may land on any input)
 * plus a cost per byte well above the parsers' (a few microseconds): a quadratic blow-up on
 * inputs of tens of kilobytes, or an exponential one anywhere, goes past it.
 */
export const TIME_ALLOWANCE_MS = 250;
export const TIME_PER_BYTE_MS = 0.02;
/**
 * An include graph's work is bounded by INCLUDE_BUDGET, not by its few bytes: a loop is
 * followed until the budget stops it, which costs up to about a second whatever the size.
 */
export const INCLUDE_GRAPH_ALLOWANCE_MS = 1500;

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** ../shared/corpus, when present: its files are the seeds of the mutations. */
  readonly corpusDir?: string;
  /** Every how many corpus mutations one is linted in full (parsing alone is much cheaper). */
  readonly lintEvery?: number;
  /** The share of inputs that are shapes rather than corpus mutations. */
  readonly shapeShare?: number;
  /** Called every 10,000 inputs with the inputs done, failures so far and the worst time ratio. */
  readonly onProgress?: (done: number, failures: number, worstTimeRatio: number) => void;
}

export interface FuzzFailure extends Failure {
  readonly index: number;
  readonly shape: string;
  readonly bytes: number;
}

export interface FuzzFigures {
  readonly seed: number;
  readonly inputs: number;
  readonly linted: number;
  readonly byShape: Readonly<Record<string, number>>;
  readonly corpusFiles: number;
  readonly totalBytes: number;
  readonly largestInput: number;
  readonly cpuSeconds: number;
  /** The slowest input against its bound (1 = at the bound). */
  readonly worstTimeRatio: number;
  readonly worstTimeMs: number;
  readonly failures: readonly FuzzFailure[];
}

function corpusTexts(dir: string | undefined): string[] {
  if (!dir || !existsSync(join(dir, 'MANIFEST.json'))) return [];
  const manifest = JSON.parse(readFileSync(join(dir, 'MANIFEST.json'), 'utf8')) as { path: string; kind: string }[];
  const seen = new Set<string>();
  for (const entry of manifest) seen.add(readFileSync(join(dir, entry.path), 'utf8'));
  return [...seen];
}

/** Most mutations start from a run of a file's lines (the cost of a million inputs is their size); some from the whole file. */
function excerpt(random: Random, text: string): string {
  if (random.chance(0.2)) return text;
  const lines = text.split('\n');
  const start = random.int(lines.length);
  return lines.slice(start, start + 1 + random.int(30)).join('\n');
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function fuzz(options: FuzzOptions): FuzzFigures {
  const random = new Random(options.seed);
  const corpus = corpusTexts(options.corpusDir);
  const lintEvery = options.lintEvery ?? 25;
  const shapeShare = options.shapeShare ?? 0.03;
  const byShape: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let linted = 0;
  let totalBytes = 0;
  let largest = 0;
  let worstRatio = 0;
  let worstMs = 0;
  const started = cpuMs();
  for (let index = 0; index < options.count; index++) {
    let input: FuzzInput;
    let lint: boolean;
    if (corpus.length > 0 && !random.chance(shapeShare)) {
      const kind = random.pick(['conf', 'conf', 'secrets', 'policy'] as const);
      input = { shape: 'corpus-mutation', kind, path: kind === 'secrets' ? '/etc/ipsec.secrets' : '/etc/ipsec.conf', bytes: mutate(random, excerpt(random, random.pick(corpus))), files: new Map() };
      lint = index % lintEvery === 0;
    } else {
      input = shape(random);
      lint = true;
    }
    const size = input.bytes.length + [...input.files.values()].reduce((n, b) => n + b.length, 0);
    const before = cpuMs();
    const failure = checkInput(input, lint);
    const took = cpuMs() - before;
    const ratio = took / ((input.files.size > 0 ? INCLUDE_GRAPH_ALLOWANCE_MS : TIME_ALLOWANCE_MS) + TIME_PER_BYTE_MS * size);
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstMs = took;
    }
    byShape[input.shape] = (byShape[input.shape] ?? 0) + 1;
    if (lint) linted++;
    totalBytes += size;
    largest = Math.max(largest, size);
    if (failure) failures.push({ ...failure, index, shape: input.shape, bytes: size });
    else if (ratio > 1) failures.push({ what: 'time', detail: `${took.toFixed(0)} ms for ${size} bytes`, index, shape: input.shape, bytes: size });
    if (failures.length >= 20) break;
    if (options.onProgress && index % 10_000 === 0) options.onProgress(index, failures.length, worstRatio);
  }
  return {
    seed: options.seed,
    inputs: Object.values(byShape).reduce((a, b) => a + b, 0),
    linted,
    byShape,
    corpusFiles: corpus.length,
    totalBytes,
    largestInput: largest,
    cpuSeconds: (cpuMs() - started) / 1000,
    worstTimeRatio: worstRatio,
    worstTimeMs: worstMs,
    failures,
  };
}
