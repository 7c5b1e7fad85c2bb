import { spawnSync } from 'node:child_process';

/**
 * Whole-process figures of one run, as the kernel accounts them for the finished child:
 * CPU time (user + sys, what the targets compare: on a shared machine wall time mostly
 * measures the neighbours), wall time and peak resident memory.
 */
export interface ProcessRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly status: number;
}

export interface ProcessFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMb: number;
  readonly status: number;
  readonly runs: number;
}

/*
 * Node cannot read a child's rusage, so a few lines of Python (already needed by the config
 * generator) run the command and report os.wait4's accounting; its output goes to /dev/null.
 */
const RUNNER = `
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_RDWR)
    os.dup2(os.open(sys.argv[1] or os.devnull, os.O_RDONLY), 0); os.dup2(fd, 1); os.dup2(fd, 2)
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
code = os.waitstatus_to_exitcode(status)
print(f"{wall * 1000:.3f} {(usage.ru_utime + usage.ru_stime) * 1000:.3f} {usage.ru_maxrss / 1024:.1f} {code}")
`;

/** One run of `command`, its standard input read from `stdin` (a file path) when given. */
export function runOnce(command: string, args: readonly string[], stdin = ''): ProcessRun {
  const out = spawnSync('python3', ['-c', RUNNER, stdin, command, ...args], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`could not time ${command}: ${out.stderr.trim() || `python3 exited ${out.status}`}`);
  const [wallMs, cpuMs, peakMb, status] = out.stdout.trim().split(' ').map(Number);
  return { wallMs, cpuMs, peakMb, status };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  /** A file to give the command on standard input. */
  readonly stdin?: string;
}

/**
 * Runs the commands in turn (A B C A B C …) after `warmups` rounds (one by default), so
 * drift in the machine's load falls on all of them alike, and returns each one's medians.
 */
export function compare(commands: readonly Command[], runs: number, warmups = 1): ProcessFigures[] {
  const samples: ProcessRun[][] = commands.map(() => []);
  for (let round = -warmups; round < runs; round++) {
    commands.forEach((c, i) => {
      const run = runOnce(c.command, c.args, c.stdin);
      if (round >= 0) samples[i].push(run);
    });
  }
  return samples.map((list) => ({
    wallMs: median(list.map((r) => r.wallMs)),
    cpuMs: median(list.map((r) => r.cpuMs)),
    peakMb: median(list.map((r) => r.peakMb)),
    status: list[list.length - 1].status,
    runs: list.length,
  }));
}

/** One printed line: a target, what was measured, its baseline from the same run, and the verdict. */
export function targetLine(name: string, measured: string, baseline: string, ratio: number, limit: number, unit = '×'): string {
  const verdict = ratio <= limit ? 'met' : 'MISSED';
  return `${name.padEnd(44)} ${measured.padEnd(22)} ${baseline.padEnd(34)} ${ratio.toFixed(2).padStart(6)}${unit} (target ≤ ${limit}${unit}) ${verdict}`;
}
