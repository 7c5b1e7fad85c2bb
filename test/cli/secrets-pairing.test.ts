import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLint } from '../../server/cli/lint-command';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { confBesideSecrets, secretsOwner } from '../../server/service/lint-secrets';

/**
 * Issue 15, reproduction 8: folder mode paired ipsec.conf with whichever *.secrets sat
 * beside it. With ipsec.secrets (the conn's PSK and PPK) and crlf.secrets (another host's
 * records) in one folder, crlf.secrets was judged against ipsec.conf's conns and reported
 * false secret-missing and ppk-missing on the conf.
 */
const conf = 'conn west-east\n\tleft=192.0.2.1\n\tleftid=@west\n\tright=198.51.100.1\n\trightid=@east\n\tauthby=secret\n\tppk=insist\n\tauto=add\n';
const secrets = '@west @east : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n@west @east : PPKS "ppk-one" "Rk3Lw9Tq2Zm8Vx5Nc7Bj4Hg6Fd1Sa0Pe8Yu2Io5Kl7Mn3Qw9Er4Ty6Ui1Op8As2D"\n';
const crlf = '@north @south : PSK "Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2FPq8Wm2"\r\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-pairing-'));
  writeFileSync(join(dir, 'ipsec.conf'), conf);
  writeFileSync(join(dir, 'ipsec.secrets'), secrets, { mode: 0o600 });
  writeFileSync(join(dir, 'crlf.secrets'), crlf, { mode: 0o600 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number }[];
}
const findings = (args: string[]): string[] =>
  (JSON.parse(runLint(['--format', 'json', ...args]).stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId}`));

describe('folder mode pairs a conf with its own secrets file only', () => {
  it('reports no false secret-missing or ppk-missing with a second *.secrets beside ipsec.secrets', () => {
    const got = findings([dir]);
    expect(got.filter((f) => /secret-missing|ppk-missing/.test(f))).toEqual([]);
  });

  it('still reports them when the conn really has no secret', () => {
    writeFileSync(join(dir, 'ipsec.secrets'), '@west @north : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n', { mode: 0o600 });
    try {
      const got = findings([dir]);
      expect(got).toContain('ipsec.conf:1 secret-missing');
      expect(got).toContain('ipsec.conf:1 ppk-missing');
      // Once each: crlf.secrets adds nothing.
      expect(got.filter((f) => f === 'ipsec.conf:1 secret-missing')).toHaveLength(1);
    } finally {
      writeFileSync(join(dir, 'ipsec.secrets'), secrets, { mode: 0o600 });
    }
  });

  it('pairs ipsec.secrets with ipsec.conf, and crlf.secrets with nothing', () => {
    expect(confBesideSecrets(join(dir, 'ipsec.secrets'), nodeFileSystem)).toBe(join(dir, 'ipsec.conf'));
    expect(confBesideSecrets(join(dir, 'crlf.secrets'), nodeFileSystem)).toBeUndefined();
    expect(findings([join(dir, 'crlf.secrets')]).filter((f) => /secret-missing|ppk-missing/.test(f))).toEqual([]);
  });

  it('judges a secrets file that ipsec.secrets includes with the whole set', () => {
    writeFileSync(join(dir, 'ipsec.secrets'), 'include crlf.secrets\n@west @east : PSK "Pq8Wm2Zx5Lc7Vb3Nk9Hj4Gf6Ds1Aa0Qe8Rt2Yu5Io7Pl3Kj9Mn4Bv6Cx1Za8Sd2F"\n', { mode: 0o600 });
    try {
      expect(secretsOwner(join(dir, 'crlf.secrets'), nodeFileSystem)).toEqual({ conf: join(dir, 'ipsec.conf'), entry: join(dir, 'ipsec.secrets') });
      // Named alone (as pre-commit would), its records are checked against the conf: @north @south is unused.
      const got = findings([join(dir, 'crlf.secrets')]);
      expect(got).toEqual(['crlf.secrets:1 secret-unused']);
    } finally {
      writeFileSync(join(dir, 'ipsec.secrets'), secrets, { mode: 0o600 });
    }
  });
});
