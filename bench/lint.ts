import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

const lint = (file: string): Command => ({ command: process.execPath, args: [cli, '--libreswan-version', '4.10', file] });
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
    if (base410) {
      lines.push(targetLine(`lint ${conns} conns, CPU`, cpu(ours), `4.10 addconn ${cpu(base410)}`, ours.cpuMs / base410.cpuMs, 1.0) + beside54);
      lines.push(targetLine(`lint ${conns} conns, peak memory`, `${ours.peakMb.toFixed(0)} MB`, `4.10 addconn ${base410.peakMb.toFixed(0)} MB`, ours.peakMb / base410.peakMb, 1.5));
    }

    const also = generate(dir, conns, true);
    const [oursAlso] = compare([lint(also)], runs);
    // addconn 4.10 takes tens of seconds here (it is quadratic in also=): one run, no warm-up.
    const [also410, also54] = compare([...(has410 ? [checkconfig(addconn410, also)] : []), ...(has54 ? [checkconfig(addconn54, also)] : [])], 1, 0);
    if (has410 && also410) {
      const besideAlso54 = has54 && also54 ? `; 5.4 addconn ${cpu(also54)}, ratio ${(oursAlso.cpuMs / also54.cpuMs).toFixed(2)}` : '';
      lines.push(targetLine(`lint ${conns} conns with also=, CPU`, cpu(oursAlso), `4.10 addconn ${cpu(also410)}`, oursAlso.cpuMs / also410.cpuMs, 0.1) + besideAlso54);
    }

    const bigConns = conns * 5;
    const big = generate(dir, bigConns, false);
    // Five times the work: the smaller run has warmed the file cache, so no warm-up round here.
    const [oursBig, bigBase] = compare([lint(big), ...(has410 ? [checkconfig(addconn410, big)] : [])], Math.min(runs, 2), 0);
    lines.push(
      targetLine(`lint ${bigConns} conns, CPU per conn vs ${conns}`, cpu(oursBig), `${conns} conns: ${cpu(ours)}`, oursBig.cpuMs / (5 * ours.cpuMs), 1.25) +
        (bigBase ? `; 4.10 addconn ${cpu(bigBase)}` : ''),
    );
    lines.push(targetLine(`lint ${bigConns} conns, peak memory`, `${oursBig.peakMb.toFixed(0)} MB`, 'limit 400 MB', oursBig.peakMb / 400, 1.0) + (bigBase ? `; 4.10 addconn ${bigBase.peakMb.toFixed(0)} MB` : ''));
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
