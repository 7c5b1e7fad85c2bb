/*
 * In-process timing of a lint (ESLint's TIMING=1, for this project): `IPSEC_LINT_TIMING=1
 * ipsec-lint FILE` prints, on stderr after the findings, the CPU time of each phase (start-up,
 * parse, includes, resolution, rules, output) and of the slowest rules, with the heap and the
 * resident set after each phase. `npm run bench` reads it to say where the time of a missed
 * target goes. CPU time (user + system, `process.cpuUsage`) rather than wall time: on a shared
 * machine wall time measures the neighbours. Off, every call is one branch.
 */

export interface PhaseTiming {
  readonly name: string;
  readonly cpuMs: number;
  /** Heap used and resident set size after the phase, in MB. */
  readonly heapMb: number;
  readonly rssMb: number;
}

export interface TimingReport {
  readonly phases: readonly PhaseTiming[];
  readonly rules: readonly { readonly id: string; readonly cpuMs: number }[];
}

const enabled = typeof process !== 'undefined' && process.env?.IPSEC_LINT_TIMING !== undefined && process.env.IPSEC_LINT_TIMING !== '0';
const phases = new Map<string, { cpuMs: number; heapMb: number; rssMb: number }>();
const rules = new Map<string, number>();

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function timingEnabled(): boolean {
  return enabled;
}

/** Runs `work` and adds its CPU time to the phase `name` (phases keep their first-seen order). */
export function timed<T>(name: string, work: () => T): T {
  if (!enabled) return work();
  const start = cpuNow();
  try {
    return work();
  } finally {
    const mem = process.memoryUsage();
    const p = phases.get(name) ?? { cpuMs: 0, heapMb: 0, rssMb: 0 };
    p.cpuMs += cpuNow() - start;
    p.heapMb = mem.heapUsed / 1e6;
    p.rssMb = mem.rss / 1e6;
    phases.set(name, p);
  }
}

/** Runs one rule's check and adds its CPU time to the rule's line. */
export function timedRule(id: string, work: () => void): void {
  if (!enabled) return work();
  const start = cpuNow();
  try {
    work();
  } finally {
    rules.set(id, (rules.get(id) ?? 0) + cpuNow() - start);
  }
}

/** Everything the process has spent before the first phase: Node's start and loading the bundle. */
export function markStartup(): void {
  if (!enabled || phases.has('startup')) return;
  const mem = process.memoryUsage();
  phases.set('startup', { cpuMs: cpuNow(), heapMb: mem.heapUsed / 1e6, rssMb: mem.rss / 1e6 });
}

/** The phases so far, and `other` for the rest of the process's CPU time (argument parsing, reading files, printing findings). */
export function timingReport(): TimingReport {
  const list = [...phases].map(([name, p]) => ({ name, ...p }));
  const spent = list.reduce((s, p) => s + p.cpuMs, 0);
  const mem = process.memoryUsage();
  return {
    phases: [...list, { name: 'other', cpuMs: Math.max(0, cpuNow() - spent), heapMb: mem.heapUsed / 1e6, rssMb: mem.rss / 1e6 }],
    rules: [...rules].map(([id, cpuMs]) => ({ id, cpuMs })).sort((a, b) => b.cpuMs - a.cpuMs),
  };
}

/** The report as text: phases, then the `top` slowest rules, then the total and peak memory. */
export function formatTiming(report: TimingReport, top = 15): string {
  const lines = ['ipsec-lint timing (CPU ms; heap and RSS in MB after the phase)'];
  const total = report.phases.reduce((s, p) => s + p.cpuMs, 0);
  const pct = (ms: number): string => `${((100 * ms) / (total || 1)).toFixed(1).padStart(5)}%`;
  for (const p of report.phases) lines.push(`  ${p.name.padEnd(28)} ${p.cpuMs.toFixed(1).padStart(9)} ${pct(p.cpuMs)}   heap ${p.heapMb.toFixed(0).padStart(5)}  rss ${p.rssMb.toFixed(0).padStart(5)}`);
  lines.push(`  ${'total'.padEnd(28)} ${total.toFixed(1).padStart(9)}`);
  if (report.rules.length > 0) {
    lines.push(`  slowest rules (of ${report.rules.length}):`);
    for (const r of report.rules.slice(0, top)) lines.push(`    ${r.id.padEnd(40)} ${r.cpuMs.toFixed(1).padStart(9)} ${pct(r.cpuMs)}`);
  }
  if (typeof process.resourceUsage === 'function') lines.push(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  return lines.join('\n') + '\n';
}
