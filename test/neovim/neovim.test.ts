import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

  it('shows the configuration the test uses in the README and docs/editors.md, word for word', () => {
    const lua = readFileSync(resolve(here, 'ipsec-lint.lua'), 'utf8').trim();
    for (const page of ['../../README.md', '../../docs/editors.md']) expect(readFileSync(resolve(here, page), 'utf8')).toContain(lua);
  });
});
