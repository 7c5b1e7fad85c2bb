import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

/*
 * For a missed target, `npm run bench` prints where the time and memory of that very command
 * go, from the same run: the CLI's own phase timing (IPSEC_LINT_TIMING=1, see
 * server/model/timing.ts: CPU per phase, the slowest rules, heap and RSS after each phase)
 * and the functions with the most self time in a V8 CPU profile of one more run (`node
 * --cpu-prof`), each named with the source file it was bundled from.
 */

const cli = resolve(import.meta.dirname, '../dist/ipsec-lint.cjs');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly lineNumber: number; readonly url: string };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

function run(args: readonly string[], stdinFile: string | undefined, env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []): string {
  const input = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  try {
    const out = spawnSync(process.execPath, [...nodeFlags, cli, ...args], { env: { ...process.env, ...env }, stdio: [input, 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return out.stderr ?? '';
  } finally {
    if (typeof input === 'number') closeSync(input);
  }
}

/** The source file each line of the bundle came from (esbuild marks each module with a `// path` comment). */
function bundleSources(): (line: number) => string {
  const marks: { line: number; path: string }[] = [];
  readFileSync(cli, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(text);
      if (m) marks.push({ line: i + 1, path: m[1].replace(/^.*node_modules\//, '') });
    });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = '?';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid].line <= line) {
        found = marks[mid].path;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** The `top` functions by self time (garbage collection included) as lines of text. */
function profileSummary(profile: CpuProfile, top: number): string[] {
  const sourceOf = bundleSources();
  const counts = new Map<number, number>();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const c = counts.get(node.id) ?? 0;
    total += c;
    const f = node.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)' || f.functionName === '(root)') continue;
    const where = f.url.endsWith('ipsec-lint.cjs') ? sourceOf(f.lineNumber + 1) : f.url === '' ? '' : relative(process.cwd(), f.url.replace(/^file:\/\//, ''));
    const name = `${f.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
    self.set(name, (self.get(name) ?? 0) + c);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, c]) => `${((100 * c) / Math.max(1, total)).toFixed(1).padStart(5)}%  ${name}`);
}

/**
 * The phase timing and the CPU profile of `ipsec-lint ARGS` (reading `stdinFile` on standard
 * input when given), as indented lines to print under a missed target.
 */
export function breakdown(args: readonly string[], stdinFile?: string, top = 8): string[] {
  const lines: string[] = [];
  const timing = run(args, stdinFile, { IPSEC_LINT_TIMING: '1' });
  const at = timing.indexOf('ipsec-lint timing');
  if (at >= 0) lines.push(...timing.slice(at).trimEnd().split('\n'));
  else lines.push('(no timing printed: IPSEC_LINT_TIMING=1 gave nothing)');
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-profile-'));
  try {
    run(args, stdinFile, {}, ['--cpu-prof', '--cpu-prof-dir', dir]);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      lines.push(`V8 CPU profile of one more run, self time (top ${top}):`);
      for (const l of profileSummary(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, top)) lines.push(`  ${l}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.map((l) => `      ${l}`);
}
