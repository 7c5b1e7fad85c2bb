import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineNpmEnv, packProject, projectPackageJson, projectRoot } from './pack';

/**
 * The package is not on a registry: people install the `npm pack` tarball (or a clone).
 * It must install with no network and run from an empty folder, so the bundles may need
 * nothing at run time beyond Node itself and what `files` ships.
 */
let scratch: string;
let tarball: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-pack-'));
  env = offlineNpmEnv(scratch);
  tarball = packProject(scratch);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function initializeOverStdio(bin: string): string {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const input = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  // stdin closes after the request: the server answers, then exits when its input ends.
  const r = spawnSync(bin, ['--stdio'], { input, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
  return r.stdout;
}

describe('the npm pack tarball', () => {
  it('has no runtime dependencies', () => {
    expect(Object.keys((projectPackageJson().dependencies as Record<string, string> | undefined) ?? {})).toEqual([]);
  });

  it('installs globally into an empty prefix with --offline, and both bins run', () => {
    const prefix = join(scratch, 'prefix');
    execFileSync('npm', ['install', '--global', '--offline', '--prefix', prefix, tarball], { env, stdio: 'pipe' });
    const bin = join(prefix, 'bin');
    expect(readdirSync(bin).sort()).toEqual(['ipsec-language-server', 'ipsec-lint']);
    const version = projectPackageJson().version as string;
    expect(execFileSync(join(bin, 'ipsec-lint'), ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH } })).toBe(`ipsec-lint ${version}\n`);
    expect(execFileSync(join(bin, 'ipsec-language-server'), ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH } })).toBe(`ipsec-language-server ${version}\n`);
    // Real work from a folder with no node_modules: lint a shipped example, list the rules.
    const lint = spawnSync(join(bin, 'ipsec-lint'), ['--format', 'json', join(projectRoot, 'examples/host-to-host')], { encoding: 'utf8', cwd: scratch, env: { PATH: process.env.PATH } });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    expect(JSON.parse(lint.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ errorCount: 0 })]));
    expect(execFileSync(join(bin, 'ipsec-lint'), ['--list-rules'], { encoding: 'utf8', cwd: scratch })).toContain('unknown-keyword');
    expect(initializeOverStdio(join(bin, 'ipsec-language-server'))).toMatch(/"capabilities"/);
  }, 120_000);

  it('installs locally into an empty folder with --offline (npx ipsec-lint)', () => {
    const project = join(scratch, 'empty-project');
    mkdirSync(project);
    execFileSync('npm', ['init', '-y'], { cwd: project, env, stdio: 'pipe' });
    execFileSync('npm', ['install', '--save-dev', '--offline', tarball], { cwd: project, env, stdio: 'pipe' });
    const bad = spawnSync(join(project, 'node_modules/.bin/ipsec-lint'), ['-'], { input: 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n', encoding: 'utf8', cwd: project });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('unknown-keyword');
    // Only the bundle and its data: no node_modules came with it.
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['ipsec-lint']);
  }, 120_000);
});
