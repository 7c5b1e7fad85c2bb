import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const server = resolve(here, '../../dist/ipsec-language-server.cjs');
const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNeovim) console.warn('test/neovim: skipped, nvim is not installed (apt-get install -y neovim)');

const config = `config setup
	logfile=/var/log/pluto.log

conn west-east
	left=192.0.2.1
	right=192.0.2.2
	salifetime=8h
	rekeymargn=3m
	auto=start
`;

describe.skipIf(!hasNeovim)('Neovim as a real LSP client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-nvim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('receives the diagnostics and a hover from the server', () => {
    writeFileSync(join(dir, 'ipsec.conf'), config);
    const out = join(dir, 'received.json');
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', resolve(here, 'harness.lua'), 'ipsec.conf'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        IPSEC_LINT_NVIM_OUT: out,
        IPSEC_LINT_NODE: process.execPath,
        IPSEC_LINT_SERVER: server,
        IPSEC_LINT_CONFIG: resolve(here, 'ipsec-lint.lua'),
        IPSEC_LINT_HOVER_LINE: '6',
        IPSEC_LINT_HOVER_CHARACTER: '3',
      },
    });
    expect(run.status, `nvim exited ${run.status}: ${run.stderr}`).toBe(0);
    const got = JSON.parse(readFileSync(out, 'utf8')) as {
      diagnostics: { code: string; message: string; severity: number; range: { start: { line: number } } }[];
      hover: { contents: { kind: string; value: string } };
    };
    const byCode = Object.fromEntries(got.diagnostics.map((d) => [d.code, d]));
    expect(byCode['unknown-keyword']).toMatchObject({ severity: 1, range: { start: { line: 7 } } });
    expect(byCode['unknown-keyword'].message).toContain("did you mean 'rekeymargin'");
    // The settings came through init_options: the messages name the configured version.
    expect(byCode['obsolete-keyword'].message).toContain('Libreswan 5.2');
    expect(got.hover.contents.kind).toBe('markdown');
    expect(got.hover.contents.value).toContain('**salifetime**');
    // Neovim answers workspace/configuration with null for a section it lacks; init_options must still hold.
    expect(got.hover.contents.value).toContain('Libreswan 5.2 reads it as');
  });

  it('serves two absolute-path buffers of one project with one server, and knows secrets and policy files', () => {
    const site = join(dir, 'site');
    mkdirSync(join(site, 'etc/ipsec.d/policies'), { recursive: true });
    writeFileSync(join(site, '.ipsec-lint.json'), '{ "root": "." }\n');
    writeFileSync(join(site, 'etc/ipsec.conf'), 'config setup\n\tlogfile=/var/log/pluto.log\n\ninclude /etc/ipsec.d/*.conf\n');
    writeFileSync(join(site, 'etc/ipsec.d/a.conf'), 'conn base\n\tleft=192.0.2.1\n\trigth=192.0.2.2\n');
    writeFileSync(join(site, 'etc/ipsec.d/b.conf'), 'conn b\n\talso=base\n\tright=192.0.2.3\n');
    writeFileSync(join(site, 'etc/ipsec.secrets'), '@a @b : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n');
    writeFileSync(join(site, 'etc/ipsec.d/policies/private'), '192.0.2.0/24\n');
    const files = ['etc/ipsec.d/a.conf', 'etc/ipsec.d/b.conf', 'etc/ipsec.secrets', 'etc/ipsec.d/policies/private'].map((f) => join(site, f));
    const out = join(dir, 'two-buffers.json');
    // Started from another folder: only the absolute paths lead to the files.
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', resolve(here, 'two-buffers.lua'), ...files], {
      cwd: tmpdir(),
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, IPSEC_LINT_NVIM_OUT: out, IPSEC_LINT_NODE: process.execPath, IPSEC_LINT_SERVER: server, IPSEC_LINT_CONFIG: resolve(here, 'ipsec-lint.lua'), IPSEC_LINT_WANT_PUBLISHES: '4' },
    });
    expect(run.status, `nvim exited ${run.status}: ${run.stderr}`).toBe(0);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { published: Record<string, number>; buffers: Record<string, { filetype: string; clients: number[] }>; active: string[] };
    for (const f of files) expect(got.buffers[f]?.filetype, f).toBe('ipsec');
    const clientIds = new Set(files.flatMap((f) => got.buffers[f].clients));
    expect(clientIds.size).toBe(1);
    // The project is the folder of .ipsec-lint.json, whichever buffer started the server.
    expect(got.active).toEqual([`ipsec-lint ${site}`]);
    // Both fragments were checked, inside the ipsec.conf that includes them: a.conf has its typo, b.conf finds its also= target.
    expect(got.published[pathToFileURL(files[0]).href]).toBeGreaterThan(0);
    expect(got.published[pathToFileURL(files[1]).href]).toBe(0);
  });

  it('shows the configuration the test uses in the README and docs/editors.md, word for word', () => {
    const lua = readFileSync(resolve(here, 'ipsec-lint.lua'), 'utf8').trim();
    for (const page of ['../../README.md', '../../docs/editors.md']) expect(readFileSync(resolve(here, page), 'utf8')).toContain(lua);
  });
});
