import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { MAX_FILE_BYTES } from '../../server/model/file-system';
import { LanguageService } from '../../server/service/language-service';
import { defaultSettings } from '../../server/settings/lint-settings';
import { nodeFileSystem, readTextFile } from '../../server/model/node-file-system';
import { jsonMessages, runMeasuredCli, workCpuMs } from './support/run-front';

/*
 * Reproductions 3, 4 and 5 of issue 15: includes of devices and FIFOs, --root escapes, and
 * a secrets file reached as ipsec.conf. Each runs the built CLI in a child process.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const conn = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n';

describe('files that are not configurations are refused, not read', () => {
  it('include /dev/zero, /dev/urandom, a FIFO and a folder: each refused by name, quickly, in little memory', () => {
    const fifo = join(dir, 'fifo.conf');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(join(dir, 'folder.conf'));
    const entry = write('devices.conf', `${conn}\ninclude /dev/zero\ninclude /dev/urandom\ninclude ${fifo}\ninclude ${join(dir, 'folder.conf')}\n`);
    const r = runMeasuredCli(['--format', 'json', entry], { timeoutMs: 20_000 });
    expect(workCpuMs(r)).toBeLessThan(1000);
    expect(r.maxRssMB).toBeLessThan(300);
    const messages = jsonMessages(r.stdout)[0].messages.filter((m) => m.ruleId === 'include-problem');
    expect(messages.map((m) => m.line)).toEqual([5, 6, 7, 8]);
    expect(messages[0].message).toMatch(/include \/dev\/zero: .*not a regular file/);
    expect(messages[2].message).toContain('FIFO');
    expect(messages[3].message).toContain('directory');
  });

  it('a file past the size cap is refused with a diagnostic, and the read stops at the cap', () => {
    const big = write('big.conf', Buffer.alloc(MAX_FILE_BYTES + 10, '#'));
    const refused = readTextFile(big);
    expect(refused.ok === false && refused.reason).toBe('too-large');
    const r = runMeasuredCli(['--format', 'json', write('includes-big.conf', `${conn}\ninclude ${big}\n`)]);
    expect(r.maxRssMB).toBeLessThan(300);
    expect(jsonMessages(r.stdout)[0].messages.some((m) => m.ruleId === 'include-problem' && m.message.includes('larger than'))).toBe(true);
  });

  it('the CLI given a FIFO or a device itself refuses it with exit 2', () => {
    const fifo = join(dir, 'entry.fifo.conf');
    execFileSync('mkfifo', [fifo]);
    const r = runMeasuredCli([fifo], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a regular file');
  });
});

describe('--root confines every include', () => {
  it('neither ".." nor a symbolic link leads out of the root, and the outside file is never quoted', () => {
    const canary = 'OUTSIDE-ROOT-CANARY-4711';
    write('outside/x.conf', `conn ${canary}\n\tleft=${canary}\n${canary} is not a line\n`);
    mkdirSync(join(dir, 'outside', 'd'), { recursive: true });
    write('outside/d/y.conf', `${canary} again\n`);
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc', 'ipsec.d'), { recursive: true });
    symlinkSync(join(dir, 'outside', 'x.conf'), join(root, 'etc', 'ipsec.d', 'link.conf'));
    symlinkSync(join(dir, 'outside', 'd'), join(root, 'etc', 'linked-folder'));
    const entry = write(
      'root/etc/ipsec.conf',
      `${conn}\ninclude /../../outside/x.conf\ninclude /etc/ipsec.d/link.conf\ninclude /etc/linked-folder/*.conf\ninclude ../../outside/x.conf\n`,
    );
    const r = runMeasuredCli(['--format', 'json', '--root', root, entry], { cwd: join(root, 'etc') });
    expect(r.stdout + r.stderr).not.toContain(canary);
    const messages = jsonMessages(r.stdout).flatMap((f) => f.messages).filter((m) => m.ruleId === 'include-problem');
    // `/../../outside` is `/outside` on the target host: below the root, and missing there.
    expect(messages.find((m) => m.line === 5)?.message).toContain(`${root}/outside/x.conf does not exist`);
    expect(messages.find((m) => m.line === 6)?.message).toMatch(/include \/etc\/ipsec.d\/link.conf: .*outside the root/);
    expect(messages.find((m) => m.line === 7)?.message).toContain('outside the root');
    expect(messages.find((m) => m.line === 8 && m.message.includes('outside the root'))).toBeDefined();
  });
});

describe('--root confines the language service too', () => {
  it('an include through a symbolic link out of the root is refused, whatever reads it first', () => {
    const canary = 'LSP-OUTSIDE-CANARY-99';
    write('lsp-outside/x.conf', `${canary} is not a line\n`);
    const root = join(dir, 'lsp-root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    symlinkSync(join(dir, 'lsp-outside', 'x.conf'), join(root, 'etc', 'link.conf'));
    const entry = write('lsp-root/etc/ipsec.conf', `${conn}\ninclude /etc/link.conf\n`);
    const service = new LanguageService({ fs: nodeFileSystem, settingsFor: () => ({ ...defaultSettings, root }) });
    const uri = pathToFileURL(entry).href;
    service.openDocument(uri, 'ipsec-conf', 1, readFileSync(entry, 'utf8'));
    const published = service.validate();
    expect(JSON.stringify(published)).not.toContain(canary);
    expect(service.diagnostics(uri).some((d) => String(d.message).includes('outside the root'))).toBe(true);
  });
});

describe('a secrets file reached as ipsec.conf is never quoted', () => {
  it('included by name, by a glob, or linted as a .conf: no secret in any finding', () => {
    const secret = 'SECRET-CANARY-0x5eed';
    const root = join(dir, 'sroot');
    write('sroot/etc/ipsec.secrets', `@west @east : PSK "${secret}"\n"${secret}" broken record\n\t${secret}\n`);
    write('sroot/etc/ipsec.d/extra.secrets', `: PSK "${secret}"\n`);
    write('sroot/etc/ipsec.d/looks.conf', `%any : PSK "${secret}"\n`);
    const entry = write('sroot/etc/ipsec.conf', `${conn}\ninclude /etc/ipsec.secrets\ninclude /etc/ipsec.d/*\n`);
    const alone = write('secret-as.conf', `@a @b : XAUTH "${secret}"\n${secret}=x\n`);
    for (const format of ['json', 'stylish', 'sarif']) {
      const r = runMeasuredCli(['--format', format, '--root', root, entry, alone]);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain('5eed');
    }
    const messages = jsonMessages(runMeasuredCli(['--format', 'json', '--root', root, entry, alone]).stdout).flatMap((f) => f.messages);
    const withheld = messages.filter((m) => m.message.includes('is an ipsec.secrets file, read here as ipsec.conf'));
    expect(withheld.length).toBe(4);
  });
});
