import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineNpmEnv, packProject, projectRoot, writeJson } from './pack';

/**
 * Debian's pre-commit runs the hooks of .pre-commit-hooks.yaml (`language: node`) on a
 * consumer repository holding an /etc-like tree, offline. The hook repository is the
 * project as `npm pack` ships it (the built bundles), with the hooks file at its top: what a
 * release tag of the repository holds once dist/ is built.
 */
const havePreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const confText = 'config setup\n\tlogfile=/var/log/pluto.log\n\ninclude /etc/ipsec.d/*.conf\n';
const baseText = 'conn base\n\tleft=192.0.2.1\n\tauthby=rsasig\n\tleftrsasigkey=0sAQOrlo\n\trightrsasigkey=0sAQO3fw\n';
const goodFragment = 'conn site\n\talso=base\n\tright=192.0.2.2\n\tauto=add\n';

let scratch: string;
let hookRepo: string;
let consumer: string;
let env: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, env, stdio: 'pipe' });
}

function tryRepo(...files: string[]): { status: number | null; output: string } {
  const r = spawnSync('pre-commit', ['try-repo', hookRepo, '--files', ...files], { cwd: consumer, env, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!havePreCommit)('pre-commit (try-repo) with the shipped hooks', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-pre-commit-'));
    env = { ...offlineNpmEnv(scratch), PRE_COMMIT_HOME: join(scratch, 'pre-commit-cache'), GIT_CONFIG_NOSYSTEM: '1' };
    const tarball = packProject(scratch);
    execFileSync('tar', ['xzf', tarball, '-C', scratch]);
    hookRepo = join(scratch, 'package');
    copyFileSync(join(projectRoot, '.pre-commit-hooks.yaml'), join(hookRepo, '.pre-commit-hooks.yaml'));
    // pre-commit runs `npm install --dev` in the hook repository: a release needs none of the
    // build tools, so its package.json lists none (and no prepare script to run them).
    const pkg = JSON.parse(readFileSync(join(hookRepo, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete pkg.devDependencies;
    delete pkg.scripts;
    writeJson(join(hookRepo, 'package.json'), pkg);
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-qm', 'release');

    consumer = join(scratch, 'site');
    mkdirSync(join(consumer, 'etc/ipsec.d'), { recursive: true });
    writeFileSync(join(consumer, '.ipsec-lint.json'), '{ "root": "." }\n');
    writeFileSync(join(consumer, 'etc/ipsec.conf'), confText);
    writeFileSync(join(consumer, 'etc/ipsec.d/base.conf'), baseText);
    git(consumer, 'init', '-q');
    git(consumer, 'add', '-A');
    git(consumer, 'commit', '-qm', 'base');
  }, 240_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // Each try-repo clones the hook repository and installs its environment afresh (about
  // 25 s here), so each run checks both hooks at once.
  it('passes a good commit of a fragment (its also= target lives in a sibling)', () => {
    writeFileSync(join(consumer, 'etc/ipsec.d/site.conf'), goodFragment);
    git(consumer, 'add', 'etc/ipsec.d/site.conf');
    const r = tryRepo('etc/ipsec.d/site.conf');
    expect(r.output).toMatch(/^ipsec-lint\.+Passed$/m);
    expect(r.output).toMatch(/^ipsec-lint fmt --check\.+Passed$/m);
    expect(r.status).toBe(0);
  }, 240_000);

  it('fails a bad commit, with the finding, and fmt --check leaves the file alone', () => {
    const bad = `conn site\n  also=base\n\tright=192.0.2.2\n\tauto=add\n\trigth=192.0.2.9\n`;
    writeFileSync(join(consumer, 'etc/ipsec.d/site.conf'), bad);
    git(consumer, 'add', 'etc/ipsec.d/site.conf');
    const r = tryRepo('etc/ipsec.d/site.conf');
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/^ipsec-lint\.+Failed$/m);
    expect(r.output).toMatch(/5:2 +error +unknown 'conn' keyword 'rigth'/);
    expect(r.output).not.toMatch(/also-reference|no conn named/);
    expect(r.output).toMatch(/^ipsec-lint fmt --check\.+Failed$/m);
    expect(readFileSync(join(consumer, 'etc/ipsec.d/site.conf'), 'utf8')).toBe(bad);
  }, 240_000);
});
