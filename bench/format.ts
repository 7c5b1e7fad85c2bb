import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConf } from '../grammar/conf/parse';
import { defaultFormatOptions, formatConf } from '../server/format';
import { formatDocument } from '../server/service/format';
import { breakdown } from './breakdown';
import { compare, targetLine } from './measure';

const generator = resolve(import.meta.dirname, '../../shared/oracle/gen-conf.py');
const cli = resolve(import.meta.dirname, '../dist/ipsec-lint.cjs');
const readwriteconf = '/usr/libexec/ipsec/readwriteconf';

export interface FormatBenchResult {
  readonly name: string;
  /** Parse and format, in process, best of the runs. */
  readonly ms: number;
  /** Of which formatting the parsed tree (the formatter's own share). */
  readonly formatOnlyMs: number;
  /** The baseline measured in the same run: parsing alone, the floor under both lint and format. */
  readonly parseOnlyMs: number;
}

function best(runs: number, once: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    once();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

function withGeneratedConf<T>(conns: number, use: (file: string) => T): T {
  if (!existsSync(generator)) throw new Error(`${generator} is missing: the benchmark needs ../shared/oracle`);
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-format-'));
  try {
    const file = join(dir, 'ipsec.conf');
    execFileSync('python3', [generator, String(conns), '-o', file]);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Formats a generated config of `conns` conns (its layout differs from the formatter's, so lines change). */
export async function benchFormat(conns = Number(process.env.BENCH_CONNS ?? 10_000), runs = 3): Promise<FormatBenchResult> {
  return withGeneratedConf(conns, (file) => {
    const text = readFileSync(file, 'utf8');
    // Taken in turns, so the baseline and the measurement see the same warm-up and load.
    let ms = Number.POSITIVE_INFINITY;
    let parseOnlyMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i++) {
      parseOnlyMs = Math.min(parseOnlyMs, best(1, () => parseConf(text)));
      ms = Math.min(
        ms,
        best(1, () => {
          if (!formatDocument(text, 'conf', defaultFormatOptions).ok) throw new Error('the generated config did not format');
        }),
      );
    }
    const tree = parseConf(text);
    const formatOnlyMs = best(runs, () => formatConf(tree, defaultFormatOptions));
    return { name: `format ${conns} conns (in process)`, ms, formatOnlyMs, parseOnlyMs };
  });
}

/**
 * The lines `npm run bench` prints, each with a ratio against a baseline measured in the same
 * run on the same generated file: in process against parsing alone; as a whole process
 * (`ipsec-lint fmt --check`) against `ipsec-lint` linting the file and against Libreswan's
 * `readwriteconf`, which reads the config and writes it back (the nearest thing Libreswan has
 * to a formatter).
 */
export async function run(): Promise<string[]> {
  const conns = Number(process.env.BENCH_CONNS ?? 10_000);
  const inProcess = await benchFormat(conns);
  const lines = [
    `${inProcess.name.padEnd(34)} ${inProcess.ms.toFixed(0)} ms (format alone ${inProcess.formatOnlyMs.toFixed(0)} ms); ` +
      `parse alone ${inProcess.parseOnlyMs.toFixed(0)} ms, ratio ${(inProcess.ms / inProcess.parseOnlyMs).toFixed(2)}`,
  ];
  withGeneratedConf(conns, (file) => {
    if (!existsSync(cli)) {
      lines.push(`ipsec-lint fmt --check: ${cli} missing (npm run build)`);
      return;
    }
    // The generator's layout differs from the formatter's, so --check must find changes (exit 1); anything else would time a failure.
    const status = spawnSync(process.execPath, [cli, 'fmt', '--check', file], { stdio: 'ignore' }).status;
    if (status !== 1) {
      lines.push(`ipsec-lint fmt --check exited ${status} on the generated file; not timed`);
      return;
    }
    if (!existsSync(readwriteconf)) {
      lines.push(`fmt --check: ${readwriteconf} absent (apt-get install libreswan): no baseline`);
      return;
    }
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const [fmt, rwc] = compare(
      [
        { command: process.execPath, args: [cli, 'fmt', '--check', file] },
        { command: readwriteconf, args: ['--config', file] },
      ],
      runs,
    );
    lines.push(targetLine(`fmt --check ${conns} conns, CPU`, `${(fmt.cpuMs / 1000).toFixed(2)} s CPU`, `4.10 readwriteconf ${(rwc.cpuMs / 1000).toFixed(2)} s CPU`, fmt.cpuMs / rwc.cpuMs, 1.0));
    if (fmt.cpuMs / rwc.cpuMs > 1.0) {
      lines.push('  where the time of `ipsec-lint fmt --check FILE` goes (this run):');
      lines.push(...breakdown(['fmt', '--check', file]));
      lines.push(
        '  next: start-up is about a sixth (compiling the bundle: load Chevrotain, the pair and fleet code only when used); the parse is most of the rest, and the collector\'s share falls with the objects the tree still makes per line; a file the formatter leaves unchanged could be checked line by line without joining the output',
      );
    }
  });
  return lines;
}
