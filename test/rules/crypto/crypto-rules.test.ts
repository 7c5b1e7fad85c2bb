import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProposalList } from '../../../grammar/proposal/index';
import { ALGORITHMS, isBuiltIn, type ProposalProtocol } from '../../../schemas/algorithms';
import { CRYPTO_POLICY_ERAS, cryptoPolicyNames, cryptoPolicyText } from '../../../schemas/crypto-policies/index';
import type { ConfigFileSystem } from '../../../server/model/file-system';
import { runLint } from '../../../server/cli/lint-command';
import type { LintDiagnostic } from '../../../server/rules/rule';
import { lintConf } from '../../../server/service/lint-conf';
import type { LintSettings } from '../../../server/settings/lint-settings';
import { readSettingsFile } from '../../../server/settings/settings-file';
import { fixtures, lintFixture } from './fixture-lint';

/** An in-memory file system: the config under test, and whatever else a test adds. */
function memoryFs(files: Record<string, string>): ConfigFileSystem {
  return {
    readText: (path) => (path in files ? { ok: true, text: files[path] } : { ok: false, reason: 'missing', message: 'no such file' }),
    glob: () => [],
  };
}

function lintText(text: string, settings: Partial<LintSettings> = {}, files: Record<string, string> = {}): LintDiagnostic[] {
  const path = '/etc/ipsec.conf';
  return [...lintConf({ path, text, fs: memoryFs({ [path]: text, ...files }), settings: { libreswanVersion: 'latest', fips: false, rules: {}, ...settings } }).diagnostics];
}

/** The text a finding underlines, for single-line ranges. */
function underlined(text: string, d: LintDiagnostic): string {
  return text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('invalid-proposal', () => {
  it('underlines the algorithm at fault, inside quotes too', () => {
    const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes-sha1;dh24\n\tesp="aes-sha1,aes_ccm_a-152-null"\n';
    const found = lintText(text, { libreswanVersion: '4.10' }).filter((d) => d.ruleId === 'invalid-proposal');
    expect(found.map((d) => underlined(text, d))).toEqual(['dh24', 'aes_ccm_a-152']);
    expect(found.every((d) => d.rejectedByLibreswan && d.severity === 'error')).toBe(true);
  });

  it('reports a %default value no conn loads as a warning Libreswan does not act on', () => {
    const text = 'conn %default\n\tike=aes-sha1;dh24\n';
    const [d] = lintText(text, { libreswanVersion: '4.10' }).filter((x) => x.ruleId === 'invalid-proposal');
    expect(d).toMatchObject({ severity: 'warning', rejectedByLibreswan: false });
    expect(underlined(text, d)).toBe('dh24');
  });

  it('treats an auto=ignore conn as refused, as `ipsec add` (and the 4.10 oracle) would', () => {
    const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauto=ignore\n\tesp=null-none\n';
    expect(lintText(text, { libreswanVersion: '4.10' }).filter((d) => d.ruleId === 'invalid-proposal' && d.rejectedByLibreswan)).toHaveLength(1);
  });

  it('does not refuse a passthrough conn for a proposal Libreswan ignores there', () => {
    const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\ttype=passthrough\n\tike=foo\n';
    const [d] = lintText(text, { libreswanVersion: '4.10' }).filter((x) => x.ruleId === 'invalid-proposal');
    expect(d).toMatchObject({ severity: 'warning', rejectedByLibreswan: false });
  });

  it('reads esp= as AH under phase2=ah, and the IKE version from ikev2=permit (IKEv1 in 4.x)', () => {
    const ah = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tphase2=ah\n\tesp=sha2_256\n';
    expect(lintText(ah, { libreswanVersion: '4.10' }).filter((d) => d.ruleId === 'invalid-proposal')).toEqual([]);
    const v1 = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tikev2=permit\n\tike=aes_gcm256-sha2;dh19\n';
    const [d] = lintText(v1, { libreswanVersion: '4.10' }).filter((x) => x.ruleId === 'invalid-proposal');
    expect(d.message).toContain('IKEv1');
  });
});

/** One proposal per algorithm the release builds, in a protocol that takes it. */
interface Generated { protocol: ProposalProtocol; ikeVersion: 1 | 2; value: string; token: string; name: string; fips: boolean }

/** With `everyName`, one proposal per accepted spelling (aliases too), else the shortest only. */
function generatedProposals(version: '4.10' | 'latest', everyName = false): Generated[] {
  const out: Generated[] = [];
  for (const a of ALGORITHMS) {
    if (!isBuiltIn(a, version) || a.name === 'NONE') continue;
    const spellings = everyName ? a.names : [[...a.names].sort((x, y) => x.length - y.length)[0]];
    for (const token of spellings) {
    const candidates: { protocol: ProposalProtocol; ikeVersion: 1 | 2; value: string }[] =
      a.type === 'encrypt' ? [{ protocol: 'esp', ikeVersion: 2, value: a.aead ? token : `${token}-sha2_256` }]
        : a.type === 'prf' ? [{ protocol: 'ike', ikeVersion: 2, value: `aes-${token}` }]
          : a.type === 'integ' ? [{ protocol: 'esp', ikeVersion: 2, value: `aes-${token}` }, { protocol: 'esp', ikeVersion: 1, value: `aes-${token}` }]
            : a.type === 'ke' ? [{ protocol: 'ike', ikeVersion: 2, value: `aes-sha2_256;${token}` }] : [];
    for (const c of candidates) {
      // Only proposals that load outside FIPS mode say anything about FIPS.
      if (parseProposalList(c.value, { ...c, pfs: true, fips: false, version }).ok) out.push({ ...c, token, name: a.name, fips: a.fips });
    }
    }
  }
  return out;
}

describe('fips-disallowed-algorithm', () => {
  const generated = generatedProposals('latest', true);

  it('flags every algorithm FIPS mode disables, under every name and alias, and nothing it allows', () => {
    // The seed's list, as far as the release builds it (MODP1024, SERPENT, TWOFISH: see the next test).
    const seedList = ['CAMELLIA_CBC', 'CAMELLIA_CTR', 'NULL', 'CHACHA20_POLY1305', 'HMAC_MD5', 'HMAC_MD5_96', 'AES_XCBC', 'AES_XCBC_96', 'HMAC_SHA2_256_TRUNCBUG', 'MODP1536', 'DH31'];
    expect(generated.filter((g) => !g.fips).map((g) => g.name)).toEqual(expect.arrayContaining(seedList));
    // Aliases too: `md5` for HMAC_MD5 and HMAC_MD5_96, `camellia` for CAMELLIA_CBC, `dh5` for MODP1536.
    expect(generated.filter((g) => !g.fips).map((g) => g.token)).toEqual(expect.arrayContaining(['md5', 'hmac_md5', 'camellia', 'camellia_cbc', 'dh5', 'modp1536', 'chacha20poly1305', 'null']));
    let flagged = 0;
    let allowed = 0;
    for (const g of generated) {
      const key = g.protocol === 'ike' ? 'ike' : 'esp';
      const version = g.ikeVersion === 1 ? '\n\tkeyexchange=ikev1' : '';
      const other = g.protocol === 'ike' ? '\n\tesp=aes_gcm256' : '\n\tike=aes_gcm256-sha2_512;dh19';
      const text = `conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2${version}\n\t${key}=${g.value}${other}\n`;
      const found = lintText(text, { fips: true }).filter((d) => d.ruleId === 'fips-disallowed-algorithm' && d.range.start.line === (version ? 4 : 3));
      const tokens = found.filter((d) => d.severity === 'error').map((d) => underlined(text, d));
      expect({ value: g.value, flagged: tokens.includes(g.token) }).toEqual({ value: g.value, flagged: !g.fips });
      if (g.fips) {
        // Nothing may refuse or underline an approved algorithm (a warning about the defaults
        // Libreswan fills in for transforms the value leaves out is about those, not this token).
        const against = found.filter((d) => d.severity === 'error' || underlined(text, d) === g.token);
        expect({ value: g.value, found: against.map((d) => d.message) }).toEqual({ value: g.value, found: [] });
        allowed += 1;
      } else flagged += 1;
    }
    const names = (fips: boolean): number => new Set(generated.filter((g) => g.fips === fips).map((g) => g.name)).size;
    console.log(`[fips-disallowed-algorithm] ${flagged}/${flagged} spellings of ${names(false)} FIPS-disabled algorithms flagged; 0/${allowed} spellings of ${names(true)} approved algorithms flagged`);
  });

  it('refuses in FIPS mode the seed-listed algorithms no default build has (MODP1024, SERPENT, TWOFISH), at the token', () => {
    for (const [key, value, token] of [
      ['ike', 'aes-sha2;modp1024', 'modp1024'], ['ike', 'aes-sha2;dh2', 'dh2'], ['esp', 'aes-sha2;modp1024', 'modp1024'],
      ['esp', 'serpent-sha2', 'serpent'], ['esp', 'serpent_cbc-sha2', 'serpent_cbc'], ['esp', 'twofish-sha2', 'twofish'], ['esp', 'twofish_cbc-sha2', 'twofish_cbc'],
    ] as const) {
      for (const version of ['4.10', 'latest'] as const) {
        const other = key === 'ike' ? '\n\tesp=aes_gcm256' : '\n\tike=aes_gcm256-sha2_512;dh19';
        const text = `conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\t${key}=${value}${other}\n`;
        const errors = lintText(text, { fips: true, libreswanVersion: version }).filter((d) => d.rejectedByLibreswan && d.range.start.line === 3);
        expect({ version, value, underlined: errors.map((d) => underlined(text, d)) }).toEqual({ version, value, underlined: [token] });
      }
    }
  });

  const algparse = '/usr/libexec/ipsec/algparse';
  if (!existsSync(algparse)) console.warn(`[ipsec-lint tests] ${algparse} is absent (apt-get install libreswan): the algparse -fips comparison is skipped.`);
  it.skipIf(!existsSync(algparse))('agrees with Libreswan 4.10 `algparse -fips` on the generated proposals', () => {
    const cases = generatedProposals('4.10', true);
    expect(cases.length).toBeGreaterThan(100);
    // One algparse run per IKE version; it prints an `algparse …` line, then its result lines, per case.
    const verdicts = new Map<Generated, boolean>();
    for (const ikeVersion of [1, 2] as const) {
      const batch = cases.filter((g) => g.ikeVersion === ikeVersion);
      const run = spawnSync(algparse, ['-fips', `-v${ikeVersion}`, '-pfs', ...batch.map((g) => `${g.protocol}=${g.value}`)], { encoding: 'utf8' });
      const blocks: string[][] = [];
      for (const line of run.stdout.split('\n')) {
        if (line.startsWith('algparse ')) blocks.push([]);
        else if (line.startsWith('\t') && blocks.length > 0) blocks[blocks.length - 1].push(line.slice(1));
      }
      expect(blocks.length).toBe(batch.length);
      // 4.10 removes disabled algorithms from its tables: 'not recognized' or 'not supported'.
      batch.forEach((g, i) => verdicts.set(g, blocks[i].some((line) => line.startsWith('ERROR'))));
    }
    const disagreements: string[] = [];
    let refusedCount = 0;
    for (const g of cases) {
      const refused = verdicts.get(g) === true;
      const key = g.protocol;
      const extra = g.ikeVersion === 1 ? '\n\tikev2=no' : '';
      const text = `conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2${extra}\n\t${key}=${g.value}\n`;
      const flagged = lintText(text, { fips: true, libreswanVersion: '4.10' }).some((d) => d.ruleId === 'fips-disallowed-algorithm' && d.severity === 'error');
      if (refused) refusedCount += 1;
      if (flagged !== refused) disagreements.push(`${key}=${g.value} v${g.ikeVersion}: algparse -fips ${refused ? 'refuses' : 'accepts'}, ipsec-lint ${flagged ? 'flags' : 'does not flag'}`);
    }
    console.log(`[algparse -fips 4.10] ${cases.length - disagreements.length}/${cases.length} generated proposals (every spelling of every built algorithm; ${refusedCount} refused in FIPS mode) agree with fips-disallowed-algorithm`);
    expect(disagreements).toEqual([]);
  });

  it('offers quick fixes that put an approved algorithm in place of the token', () => {
    const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=camellia256-sha2_512;modp1536\n\tesp=aes_gcm256\n';
    const found = lintText(text, { fips: true }).filter((d) => d.ruleId === 'fips-disallowed-algorithm' && d.severity === 'error');
    const first = (d: LintDiagnostic): string => d.fixes?.[0]?.edits[0]?.newText ?? '';
    expect(found.map((d) => [underlined(text, d), first(d)])).toEqual([['camellia256', 'aes_gcm256'], ['modp1536', 'dh19']]);
    for (const d of found) expect(d.fixes?.[0]?.edits[0]?.range).toEqual(d.range);
  });

  it('is silent without --fips', () => {
    expect(lintText('conn a\n\tike=aes-sha2;modp1536\n').filter((d) => d.ruleId === 'fips-disallowed-algorithm')).toEqual([]);
  });
});

describe('fips-psk-too-short', () => {
  it('never puts the secret in a message', () => {
    const { diagnostics } = lintFixture(join(fixtures, 'fips-psk-too-short/bad/ipsec.conf'));
    const secret = 'only-twelve!';
    expect(readFileSync(join(fixtures, 'fips-psk-too-short/bad/ipsec.secrets'), 'utf8')).toContain(secret);
    const text = JSON.stringify(diagnostics);
    expect(text).not.toContain(secret);
    expect(diagnostics.find((d) => d.ruleId === 'fips-psk-too-short')?.message).toContain('12 bytes');
  });

  it('uses the PRF floor of Libreswan (half the PRF key size): 16 bytes pass with SHA2-256 only', () => {
    const conf = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tauthby=secret\n\tike=aes_gcm256-sha2_256;dh19\n';
    const lint = (secret: string): LintDiagnostic[] =>
      lintText(conf, { fips: true }, { '/etc/ipsec.secrets': `: PSK "${secret}"\n` }).filter((d) => d.ruleId === 'fips-psk-too-short');
    expect(lint('x'.repeat(16))).toEqual([]);
    expect(lint('x'.repeat(15))).toHaveLength(1);
  });
});

describe('crypto policies', () => {
  it('ships DEFAULT, FUTURE, LEGACY and FIPS for every era, and every policy parses for IKEv2', () => {
    for (const era of CRYPTO_POLICY_ERAS) {
      expect(cryptoPolicyNames(era)).toEqual(expect.arrayContaining(['DEFAULT', 'FUTURE', 'LEGACY', 'FIPS']));
      for (const name of cryptoPolicyNames(era)) {
        const text = cryptoPolicyText(era, name) ?? '';
        expect(text.startsWith('conn %default')).toBe(true);
        for (const [, key, value] of text.matchAll(/^\t(ike|esp)=(.*)$/gm)) {
          const parsed = parseProposalList(value, { protocol: key as ProposalProtocol, ikeVersion: 2, pfs: true, fips: false, version: 'latest' });
          expect({ era, name, key, ok: parsed.ok }).toEqual({ era, name, key, ok: true });
        }
      }
    }
    expect(cryptoPolicyNames('current')).toContain('FIPS:OSPP');
  });

  it('reports nothing about overrides when the policy is not included', () => {
    const text = 'config setup\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes128-sha1-modp2048\n';
    const ids = lintText(text, { cryptoPolicy: 'DEFAULT' }).map((d) => d.ruleId);
    expect(ids).toContain('crypto-policy-include-missing');
    expect(ids).not.toContain('crypto-policy-override');
    expect(ids).not.toContain('weaker-than-crypto-policy');
  });

  describe('crypto-policy-include-missing asks for the include only on crypto-policies hosts', () => {
    const text = 'config setup\n\tlogfile=/var/log/pluto.log\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n';
    const missing = (path: string, settings: Partial<LintSettings>, files: Record<string, string> = {}): LintDiagnostic[] =>
      [...lintConf({ path, text, fs: memoryFs({ [path]: text, ...files }), settings: { libreswanVersion: 'latest', fips: false, rules: {}, ...settings } }).diagnostics]
        .filter((d) => d.ruleId === 'crypto-policy-include-missing');

    it('is silent on a host with no sign of crypto-policies (Debian, most test configs)', () => {
      expect(missing('/etc/ipsec.conf', {})).toEqual([]);
      // Debian's stock ipsec.conf (Libreswan's template) has the include commented out.
      const stock = `${text}\n# include /etc/crypto-policies/back-ends/libreswan.config\n`;
      const lint = (settings: Partial<LintSettings>): LintDiagnostic[] => [...lintConf({ path: '/etc/ipsec.conf', text: stock, fs: memoryFs({ '/etc/ipsec.conf': stock }), settings: { libreswanVersion: 'latest', fips: false, rules: {}, ...settings } }).diagnostics]
        .filter((d) => d.ruleId === 'crypto-policy-include-missing');
      expect(lint({})).toEqual([]);
      expect(lint({ cryptoPolicy: 'DEFAULT' }).map((d) => d.range.start.line)).toEqual([7]);
    });

    it('fires, as a warning saying why, when a policy is named or the back-end file exists on the target', () => {
      for (const [settings, files, why] of [
        [{ cryptoPolicy: 'DEFAULT' }, {}, 'a crypto policy is configured (DEFAULT)'],
        [{ cryptoPolicyEra: 'rhel9' }, {}, 'a crypto policy is configured (rhel9)'],
        [{ cryptoPolicyFile: '/site/policy.config' }, { '/site/policy.config': 'conn %default\n' }, 'a crypto-policy file is configured'],
        [{}, { '/etc/crypto-policies/back-ends/libreswan.config': 'conn %default\n' }, '/etc/crypto-policies/back-ends/libreswan.config exists on the target'],
        [{ root: '/snap' }, { '/snap/etc/crypto-policies/back-ends/libreswan.config': 'conn %default\n' }, '/snap/etc/crypto-policies/back-ends/libreswan.config exists on the target'],
      ] as const) {
        const [d] = missing('/etc/ipsec.conf', settings, files);
        expect(d?.severity).toBe('warning');
        expect(d?.message).toContain(`checked because ${why}`);
        expect(d?.range.start.line).toBe(0);
      }
      // The back-end file outside --root says nothing about the target.
      expect(missing('/etc/ipsec.conf', { root: '/snap' }, { '/etc/crypto-policies/back-ends/libreswan.config': 'conn %default\n' })).toEqual([]);
    });

    it('leaves an ipsec.d fragment linted on its own to the main config, even with config setup', () => {
      expect(missing('/etc/ipsec.d/site.conf', { cryptoPolicy: 'DEFAULT' })).toEqual([]);
      expect(missing('/etc/ipsec.conf', { cryptoPolicy: 'DEFAULT' })).toHaveLength(1);
    });

    it('can be raised or silenced from .ipsec-lint.json', () => {
      expect(missing('/etc/ipsec.conf', { cryptoPolicy: 'DEFAULT', rules: { 'crypto-policy-include-missing': 'off' } })).toEqual([]);
      expect(missing('/etc/ipsec.conf', { cryptoPolicy: 'DEFAULT', rules: { 'crypto-policy-include-missing': 'error' } })[0]?.severity).toBe('error');
    });
  });

  it('does not call a stronger addition weaker', () => {
    const { diagnostics } = lintFixture(join(fixtures, 'crypto-policy-override/bad-site/ipsec.conf'));
    expect(diagnostics.filter((d) => d.ruleId === 'weaker-than-crypto-policy')).toEqual([]);
    expect(diagnostics.find((d) => d.ruleId === 'crypto-policy-override')?.message).toMatch(/adds HMAC_SHA2_512, DH21 and drops HMAC_SHA2_256, DH20/);
  });

  it('keeps the override message short and puts the policy lists in related information', () => {
    const { diagnostics } = lintFixture(join(fixtures, 'crypto-policy-override/bad-site/ipsec.conf'));
    const found = diagnostics.find((d) => d.ruleId === 'crypto-policy-override')!;
    expect(found.message.length).toBeLessThan(200);
    expect(found.related?.map((r) => r.message).join('\n')).toMatch(/the policy's value: ike=/);
  });

  it('does not call the RHEL guide\'s authby=rsasig (raw RSA keys beside the policy include) an override, but does a signature method', () => {
    const conn = (authby: string): string => 'config setup\n\ninclude /etc/crypto-policies/back-ends/libreswan.config\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n'
      + `\tleftrsasigkey=0sAQOrlo\n\trightrsasigkey=0sAQO3fw\n\tauthby=${authby}\n`;
    const policy = 'conn %default\n\tauthby=ecdsa-sha2_256,rsa-sha2_256\n';
    const ids = (authby: string): string[] => lintText(conn(authby), { cryptoPolicyFile: '/site/policy.config' }, { '/site/policy.config': policy }).map((d) => d.ruleId);
    expect(ids('rsasig')).not.toContain('crypto-policy-override');
    expect(ids('rsa-sha2_512')).toContain('crypto-policy-override');
  });

  it('reads --crypto-policy-file, and the settings file keys', () => {
    const text = 'config setup\n\ninclude /etc/crypto-policies/back-ends/libreswan.config\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes256-sha2_256-modp1536\n';
    const found = lintText(text, { cryptoPolicyFile: '/site/policy.config' }, { '/site/policy.config': 'conn %default\n\tike=aes256-sha2_256-dh14\n' });
    expect(found.find((d) => d.ruleId === 'weaker-than-crypto-policy')?.message).toContain('DH group MODP1536');
    const settings = readSettingsFile(join(fixtures, 'crypto-policy-override/settings/.ipsec-lint.json'));
    expect(settings.problems).toEqual([]);
    expect(settings.settings).toMatchObject({ cryptoPolicy: 'FIPS:OSPP', cryptoPolicyEra: 'rhel9' });
  });

  it('underlines each weaker algorithm or method and names what the policy offers instead', () => {
    const text = 'config setup\n\ninclude /etc/crypto-policies/back-ends/libreswan.config\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n'
      + '\tike=aes256-sha2_256-modp1536,aes256-sha1-dh14\n\tauthby="rsa-sha2_256, rsa-sha1"\n\nconn b\n\tleft=192.0.2.1\n\tright=192.0.2.3\n\tkeyexchange=ikev1\n';
    const policy = 'conn %default\n\tike=aes256-sha2_256-dh14+dh19\n\tauthby=rsa-sha2_256,ecdsa-sha2_256\n\tkeyexchange=ikev2\n';
    const found = lintText(text, { cryptoPolicyFile: '/site/policy.config' }, { '/site/policy.config': policy }).filter((d) => d.ruleId === 'weaker-than-crypto-policy');
    expect(found.map((d) => [underlined(text, d), d.message.replace(/.* allows (.*), which .*; (.*), or keep .*/, '$1 | $2')])).toEqual([
      ['modp1536', 'DH group MODP1536 | use what the policy offers instead (MODP2048, DH19)'],
      ['sha1', 'PRF HMAC_SHA1 | use what the policy offers instead (HMAC_SHA2_256)'],
      ['rsa-sha1', 'signature method rsa-sha1 | use what the policy offers instead (rsa-sha2_256, ecdsa-sha2_256)'],
      // Not spelled out as an algorithm: the whole value.
      ['ikev1', 'IKEv1 | use what the policy offers instead (IKEv2)'],
    ]);
  });

  it('rejects an unknown era on the command line', () => {
    expect(() => runLint(['--crypto-policy-era', 'rhel7', 'x.conf'])).toThrow(/rhel8, rhel9 or current/);
  });

  it('shows the informational override in JSON output as info (severity 0), not as a warning', () => {
    const path = join(fixtures, 'crypto-policy-override/bad-site/ipsec.conf');
    const result = runLint(['--format', 'json', '--root', join(fixtures, 'crypto-policy-override/bad-site'), path]);
    const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string; severity: number }[] }[]).flatMap((r) => r.messages);
    expect(messages.find((m) => m.ruleId === 'crypto-policy-override')?.severity).toBe(0);
  });
});
