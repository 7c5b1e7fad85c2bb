import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const generator = resolve(import.meta.dirname, '../../shared/oracle/gen-conf.py');
const addconn = '/usr/libexec/ipsec/addconn';
const cli = resolve(import.meta.dirname, '../dist/ipsec-lint.cjs');

/** Wall time of one process run, in milliseconds, best of `runs`. */
function timeProcess(command: string, args: readonly string[], runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    spawnSync(command, args, { stdio: 'ignore' });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export interface LintBenchRow {
  readonly name: string;
  readonly ipsecLintMs: number;
  readonly addconnMs?: number;
}

/**
 * Lints generated configs of 10,000 conns (with and without also=) with the bundled CLI and
 * checks the same files with Debian's `addconn --checkconfig`, in the same run, so the ratio
 * compares like with like: a whole process each, file reading included.
 */
export function benchLint(conns = 10_000, runs = 2): LintBenchRow[] {
  if (!existsSync(generator)) throw new Error(`${generator} is missing: the benchmark needs ../shared/oracle`);
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-'));
  try {
    const rows: LintBenchRow[] = [];
    for (const also of [false, true]) {
      const file = join(dir, also ? 'also.conf' : 'plain.conf');
      execFileSync('python3', [generator, String(conns), ...(also ? ['--also'] : []), '-o', file]);
      const name = `${conns} conns${also ? ' with also=' : ''}`;
      const ipsecLintMs = timeProcess(process.execPath, [cli, '--libreswan-version', '4.10', file], runs);
      const addconnMs = existsSync(addconn) ? timeProcess(addconn, ['--config', file, '--checkconfig'], runs) : undefined;
      rows.push({ name, ipsecLintMs, addconnMs });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
