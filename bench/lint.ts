import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { breakdown } from './breakdown';
import { compare, targetLine, type Command, type ProcessFigures } from './measure';

export const generator = resolve(import.meta.dirname, '../../shared/oracle/gen-conf.py');
const addconn410 = '/usr/libexec/ipsec/addconn';
const addconn54 = '/opt/libreswan-5.4/libexec/ipsec/addconn';
const cli = resolve(import.meta.dirname, '../dist/ipsec-lint.cjs');

function generate(dir: string, conns: number, also: boolean): string {
  const file = join(dir, `${conns}${also ? '-also' : ''}.conf`);
  execFileSync('python3', [generator, String(conns), ...(also ? ['--also'] : []), '-o', file]);
  return file;
}

const lintArgs = ['--libreswan-version', '4.10'];
const lint = (file: string): Command => ({ command: process.execPath, args: [cli, ...lintArgs, file] });
/*
 * The CLI reads at most 4 MB from a file (MAX_FILE_BYTES, a hardening bound) and the
 * 50,000-conn file is 13 MB: that one is given on standard input, which has no such bound.
 */
const lintStdin = (file: string): Command => ({ command: process.execPath, args: [cli, ...lintArgs, '-'], stdin: file });

/*
 * What to do next about each target when it is missed; docs/performance.md says what each
 * step gained and why these come next.
 */
const NEXT_STEP = {
  cpu: 'next: rules are over half the CPU and half of that is V8 running fifty rules\' code cold (a warm second lint takes half as long): build the remaining shared facts once (invalid-value\'s address checks from the conn readings, authby items and crypto proposals per conn) and make fewer short-lived objects per conn, which the collector\'s share (about a fifth) follows',
  memory: 'next: the tree is about 380 bytes a line and resolution about 240: Setting objects shared between a section and the conns that inherit it unchanged, the Item lists (kept only to list a conn\'s also= sections) made again when asked, the address and subnet caches keyed by conn rather than by text',
  also: 'next: the also= file costs what the plain one costs (resolution is linear in the file); the steps for the plain lint apply',
  big: 'next: as for 10,000 conns; 400 MB is 30 bytes of peak RSS per byte of the 13 MB input (addconn takes 26), which needs the tree given up after resolution or the file linted conn by conn',
};

/** The figures of a lint run are worth quoting only if it linted: exit 0 (clean) or 1 (findings). */
function linted(f: ProcessFigures, what: string, lines: string[]): boolean {
  if (f.status === 0 || f.status === 1) return true;
  lines.push(`${what}: ipsec-lint exited ${f.status}; not timed`);
  return false;
}
const checkconfig = (addconn: string, file: string): Command => ({ command: addconn, args: ['--config', file, '--checkconfig'] });
const cpu = (f: ProcessFigures): string => `${(f.cpuMs / 1000).toFixed(2)} s CPU`;

/**
 * The lint targets of issue 14, each against Libreswan measured in the same run on the same
 * generated file, whole processes, CPU time (user + sys) and peak memory, medians:
 *  - 10,000 conns: at most 1.0× Debian 4.10's `addconn --checkconfig` (5.4's printed beside);
 *  - the `also=` variant: at most 0.1× (addconn is quadratic there, so it runs fewer times);
 *  - peak memory at most 1.5× addconn's;
 *  - 50,000 conns: linear in time (CPU per conn within 1.25× of the 10,000-conn run) and under 400 MB.
 */
export function benchLint(conns = 10_000, runs = Number(process.env.BENCH_RUNS ?? 3)): string[] {
  if (!existsSync(generator)) throw new Error(`${generator} is missing: the benchmark needs ../shared/oracle`);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: npm run build`);
  const has410 = existsSync(addconn410);
  const has54 = existsSync(addconn54);
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-'));
  const lines: string[] = [];
  if (!has410) lines.push(`${addconn410} absent (apt-get install libreswan): the lint targets have no baseline`);
  try {
    const plain = generate(dir, conns, false);
    const commands = [lint(plain), ...(has410 ? [checkconfig(addconn410, plain)] : []), ...(has54 ? [checkconfig(addconn54, plain)] : [])];
    const [ours, base410, base54] = compare(commands, runs);
    const beside54 = has54 && base54 ? `; 5.4 addconn ${cpu(base54)}, ratio ${(ours.cpuMs / base54.cpuMs).toFixed(2)}` : '; 5.4 addconn absent';
    if (base410 && linted(ours, `lint ${conns} conns`, lines)) {
      const cpuMissed = ours.cpuMs / base410.cpuMs > 1.0;
      const memoryMissed = ours.peakMb / base410.peakMb > 1.5;
      lines.push(targetLine(`lint ${conns} conns, CPU`, cpu(ours), `4.10 addconn ${cpu(base410)}`, ours.cpuMs / base410.cpuMs, 1.0) + beside54);
      lines.push(targetLine(`lint ${conns} conns, peak memory`, `${ours.peakMb.toFixed(0)} MB`, `4.10 addconn ${base410.peakMb.toFixed(0)} MB`, ours.peakMb / base410.peakMb, 1.5));
      if (cpuMissed || memoryMissed) {
        lines.push(`  where the time and memory of \`ipsec-lint ${lintArgs.join(' ')} FILE\` go (${conns} conns, this run):`);
        lines.push(...breakdown([...lintArgs, plain]));
        if (cpuMissed) lines.push(`  ${NEXT_STEP.cpu}`);
        if (memoryMissed) lines.push(`  ${NEXT_STEP.memory}`);
      }
    }

    const also = generate(dir, conns, true);
    const [oursAlso] = compare([lint(also)], runs);
    // addconn 4.10 takes tens of seconds here (it is quadratic in also=): one run, no warm-up.
    const [also410, also54] = compare([...(has410 ? [checkconfig(addconn410, also)] : []), ...(has54 ? [checkconfig(addconn54, also)] : [])], 1, 0);
    if (has410 && also410 && linted(oursAlso, `lint ${conns} conns with also=`, lines)) {
      const besideAlso54 = has54 && also54 ? `; 5.4 addconn ${cpu(also54)}, ratio ${(oursAlso.cpuMs / also54.cpuMs).toFixed(2)}` : '';
      lines.push(targetLine(`lint ${conns} conns with also=, CPU`, cpu(oursAlso), `4.10 addconn ${cpu(also410)}`, oursAlso.cpuMs / also410.cpuMs, 0.1) + besideAlso54);
      if (oursAlso.cpuMs / also410.cpuMs > 0.1) {
        lines.push(`  where the time of the also= lint goes (this run):`);
        lines.push(...breakdown([...lintArgs, also]));
        lines.push(`  ${NEXT_STEP.also}`);
      }
    }

    const bigConns = conns * 5;
    const big = generate(dir, bigConns, false);
    // Five times the work: the smaller run has warmed the file cache, so no warm-up round here.
    // On standard input (see lintStdin); the 10,000-conn figure it is compared with is read the same way, in the same rounds.
    const [oursBig, oursSmallStdin, bigBase] = compare([lintStdin(big), lintStdin(plain), ...(has410 ? [checkconfig(addconn410, big)] : [])], Math.min(runs, 2), 0);
    if (!linted(oursBig, `lint ${bigConns} conns`, lines) || !linted(oursSmallStdin, `lint ${conns} conns on standard input`, lines)) return lines;
    lines.push(
      targetLine(`lint ${bigConns} conns (stdin), CPU per conn vs ${conns}`, cpu(oursBig), `${conns} conns (stdin): ${cpu(oursSmallStdin)}`, oursBig.cpuMs / (5 * oursSmallStdin.cpuMs), 1.25) +
        (bigBase ? `; 4.10 addconn ${cpu(bigBase)}` : ''),
    );
    lines.push(targetLine(`lint ${bigConns} conns (stdin), peak memory`, `${oursBig.peakMb.toFixed(0)} MB`, 'limit 400 MB', oursBig.peakMb / 400, 1.0) + (bigBase ? `; 4.10 addconn ${bigBase.peakMb.toFixed(0)} MB` : ''));
    if (oursBig.peakMb > 400 || oursBig.cpuMs / (5 * oursSmallStdin.cpuMs) > 1.25) {
      lines.push(`  where the memory of the ${bigConns}-conn lint goes (heap and RSS after each phase, this run):`);
      lines.push(...breakdown([...lintArgs, '-'], big));
      lines.push(`  ${NEXT_STEP.big}`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
