import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const cliBundle = resolve(__dirname, '../../../dist/ipsec-lint.cjs');
const measure = resolve(__dirname, 'measure.cjs');

export interface Measured {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** User + system CPU of the whole child, start-up included. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Peak resident set size of the child. */
  readonly maxRssMB: number;
}

let startUp: number | undefined;

/**
 * CPU time the CLI spends starting (loading its bundle) and linting an empty file, measured
 * once: bounds are on the work an input causes, not on Node's start-up on a busy machine.
 */
export function startUpCpuMs(): number {
  if (startUp === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-empty-'));
    try {
      writeFileSync(join(dir, 'ipsec.conf'), '');
      // The least of three: start-up is what is left when nothing else competes.
      startUp = Math.min(...[0, 1, 2].map(() => runMeasuredCli([join(dir, 'ipsec.conf')]).cpuMs));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return startUp;
}

/** CPU time of a run beyond the CLI's start-up. */
export function workCpuMs(run: Measured): number {
  return run.cpuMs - startUpCpuMs();
}

/** Runs the built CLI in a child process of its own and measures it there. */
export function runMeasuredCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-measure-'));
  const out = join(dir, 'cost.json');
  try {
    const r = spawnSync(process.execPath, [measure, cliBundle, ...args], {
      encoding: 'utf8',
      cwd: options.cwd,
      env: { ...process.env, MEASURE_OUT: out },
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    const cost = JSON.parse(readFileSync(out, 'utf8')) as { cpuMs: number; wallMs: number; maxRssMB: number };
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ...cost };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface JsonMessage {
  readonly ruleId: string;
  readonly severity: number;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export function jsonMessages(stdout: string): { filePath: string; messages: JsonMessage[] }[] {
  return JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
}
