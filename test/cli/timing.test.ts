import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(__dirname, '../../dist/ipsec-lint.cjs');
const example = resolve(__dirname, '../../examples/host-to-host');

function lint(env: NodeJS.ProcessEnv, ...args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, IPSEC_LINT_TIMING: undefined, ...env } });
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('IPSEC_LINT_TIMING', () => {
  it('prints the CPU time of each phase and of the slowest rules on standard error, after the findings', () => {
    const plain = lint({}, '--format', 'json', example);
    const timed = lint({ IPSEC_LINT_TIMING: '1' }, '--format', 'json', example);
    // The findings are the same; the report goes to standard error only.
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toContain('ipsec-lint timing');
    const report = timed.stderr.slice(timed.stderr.indexOf('ipsec-lint timing'));
    for (const phase of ['startup', 'parse', 'resolve', 'rules', 'other', 'total']) expect(report).toMatch(new RegExp(`^  ${phase} +\\d+\\.\\d`, 'm'));
    expect(report).toMatch(/slowest rules \(of \d+\):\n {4}[a-z0-9-]+ +\d+\.\d/);
    expect(report).toMatch(/peak RSS \d+ MB/);
  });

  it('times the formatter by phase too', () => {
    const report = lint({ IPSEC_LINT_TIMING: '1' }, 'fmt', '--check', resolve(example, 'etc/ipsec.conf')).stderr;
    expect(report).toMatch(/^ {2}parse +\d/m);
    expect(report).toMatch(/^ {2}format +\d/m);
  });

  it('is off for 0', () => {
    expect(lint({ IPSEC_LINT_TIMING: '0' }, example).stderr).not.toContain('ipsec-lint timing');
  });
});
