import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { ruleCatalogue } from '../../server/rules/catalogue';
import { confRules, policyRules, secretsRules } from '../../server/rules/registry';

const cli = resolve(__dirname, '../../dist/ipsec-lint.cjs');
const server = resolve(__dirname, '../../dist/ipsec-language-server.cjs');

function run(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [options.bin ?? cli, ...args], { encoding: 'utf8', cwd: options.cwd ?? dir, env: options.env ?? { PATH: process.env.PATH } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

let dir: string;
// line 4: unknown keyword (error, one preferred fix); line 5: host bits (warning, fixable).
const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n\tleftsubnet=10.0.0.1/24\n';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-formats-'));
  writeFileSync(join(dir, 't.conf'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--format github', () => {
  it('prints one workflow command per finding, with the rule as title and paths relative to the checkout', () => {
    const r = run(['--format', 'github', 't.conf']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=t\.conf,line=4,col=2,endLine=4,endColumn=7,title=unknown-keyword::unknown 'conn' keyword 'rigth'/);
    expect(lines[1]).toMatch(/^::warning file=t\.conf,line=5,col=13,endLine=5,endColumn=24,title=left-right-subnet-host-bits::/);
  });

  it('escapes what would end a property or the command', async () => {
    const { formatGithub } = await import('../../server/cli/output-github');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const out = formatGithub([{ path: '/w/a,b:c.conf', diagnostics: [{ file: '/w/a,b:c.conf', range, ruleId: 'r', severity: 'info', message: '50% done\nnext', rejectedByLibreswan: false }] }], '/w');
    expect(out).toBe('::notice file=a%2Cb%3Ac.conf,line=1,col=1,endLine=1,endColumn=2,title=r::50%25 done%0Anext\n');
  });
});

describe('--format gcc', () => {
  it('prints file:line:col: severity: message [rule]', () => {
    const r = run(['--format', 'gcc', 't.conf']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^t\.conf:4:2: error: unknown 'conn' keyword 'rigth'.* \[unknown-keyword\]$/);
    expect(lines[1]).toMatch(/^t\.conf:5:13: warning: .* \[left-right-subnet-host-bits\]$/);
  });

  it('is parsed by the errorformat gcc users have (%f:%l:%c: %t%*[^:]: %m)', () => {
    const r = run(['--format', 'gcc', 't.conf']);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning|note): .+$/);
  });
});

describe('--format json', () => {
  it("carries ESLint's fix shape and the fixable counts", () => {
    const r = run(['--format', 'json', 't.conf']);
    const [file] = JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; fix?: { range: [number, number]; text: string } }[]; fixableErrorCount: number; fixableWarningCount: number }[];
    const unknown = file.messages.find((m) => m.ruleId === 'unknown-keyword')!;
    expect(unknown.fix).toBeDefined();
    // Applying the fix as ESLint does gives the corrected file.
    const fixed = text.slice(0, unknown.fix!.range[0]) + unknown.fix!.text + text.slice(unknown.fix!.range[1]);
    expect(fixed).toContain('\tright=x\n');
    expect(file.fixableErrorCount).toBe(1);
    expect(file.fixableWarningCount).toBe(1);
  });

  it('gives info findings severity 0 and their own count, so they are not warnings', () => {
    const { formatJson } = awaitJson();
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const out = JSON.parse(formatJson([{ path: '/x', diagnostics: [{ file: '/x', range, ruleId: 'r', severity: 'info', message: 'm', rejectedByLibreswan: false }] }])) as { messages: { severity: number; severityName: string }[]; warningCount: number; infoCount: number }[];
    expect(out[0].messages[0]).toMatchObject({ severity: 0, severityName: 'info' });
    expect(out[0].warningCount).toBe(0);
    expect(out[0].infoCount).toBe(1);
  });
});

let jsonModule: typeof import('../../server/cli/output-json') | undefined;
beforeAll(async () => {
  jsonModule = await import('../../server/cli/output-json');
});
function awaitJson(): typeof import('../../server/cli/output-json') {
  return jsonModule!;
}

describe('--list-rules', () => {
  it('lists every registered rule once with family, default severity, fixable and docs URL', () => {
    const r = run(['--list-rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; family: string; defaultSeverity: string; fixable: boolean; docs: string }[];
    const registered = [...confRules, ...secretsRules, ...policyRules].map((x) => x.meta.id);
    expect(rules.map((x) => x.id).sort()).toEqual([...new Set(registered)].sort());
    for (const rule of rules) {
      expect(['conf', 'left-right', 'transport', 'crypto', 'secrets', 'policy']).toContain(rule.family);
      expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
      expect(rule.docs).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
    }
    expect(rules.find((x) => x.id === 'unknown-keyword')).toMatchObject({ family: 'conf', fixable: true });
    expect(rules.find((x) => x.id === 'secret-missing')).toMatchObject({ family: 'secrets', fixable: false });
    expect(ruleCatalogue().filter((e) => e.family === 'crypto').length).toBeGreaterThan(0);
  });

  it('prints a table by default, one row per rule', () => {
    const r = run(['--list-rules']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(ruleCatalogue().length + 1);
    expect(r.stdout).toMatch(/^unknown-keyword +conf +error +fixable +https:/m);
  });
});

describe('--version and --help', () => {
  it('both bins print the package version', () => {
    expect(run(['--version']).stdout).toBe(`ipsec-lint ${packageJson.version}\n`);
    expect(run(['--version'], { bin: server }).stdout).toBe(`ipsec-language-server ${packageJson.version}\n`);
  });

  it('--help lists every subcommand', () => {
    const help = run(['--help']).stdout;
    const commandLines = help.split('\n').filter((l) => l.startsWith('  ipsec-lint '));
    for (const command of ['lint', 'fmt', 'pair', 'fleet', '--fix', '--fix-dry-run']) {
      expect(commandLines.some((l) => l.split(/\s+/).some((w) => w === command || w === `[${command}]`)), command).toBe(true);
    }
    expect(run(['lint', 't.conf']).status).toBe(1);
  });
});

describe('stylish', () => {
  it("shows each rule's docs link once per run", () => {
    writeFileSync(join(dir, 'two.conf'), 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n\tlefft=y\n');
    const r = run(['two.conf']);
    expect(r.stdout.match(/docs\/rules\/unknown-keyword\.md/g)).toHaveLength(1);
    expect(r.stdout.match(/unknown 'conn' keyword/g)).toHaveLength(2);
  });

  it('colours follow NO_COLOR and FORCE_COLOR', () => {
    const esc = '\u001b[';
    expect(run(['t.conf'], { env: { PATH: process.env.PATH } }).stdout).not.toContain(esc);
    expect(run(['t.conf'], { env: { PATH: process.env.PATH, FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(run(['t.conf'], { env: { PATH: process.env.PATH, FORCE_COLOR: '0' } }).stdout).not.toContain(esc);
    expect(run(['t.conf'], { env: { PATH: process.env.PATH, FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(esc);
  });

  it('exits quietly when the reader closes the pipe (| head)', () => {
    // Enough findings that the output overruns the pipe's buffer after head has gone.
    const lines = ['conn a', '\tleft=192.0.2.1', '\tright=192.0.2.2'];
    for (let i = 0; i < 1500; i++) lines.push(`\trigth${i}=x`);
    writeFileSync(join(dir, 'many.conf'), lines.join('\n') + '\n');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" many.conf | head -n 2; exit "\${PIPESTATUS:-0}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.split('\n').length).toBe(3);
    expect(r.stderr).toBe('');
  });
});
