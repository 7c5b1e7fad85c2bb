import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confRules } from '../../../server/rules/registry';
import { lintConf } from '../../../server/service/lint-conf';
import { defaultSettings, type LintSettings } from '../../../server/settings/lint-settings';
import { expectMarkedLines, lintFixture } from '../../support/fixture-expectations';
import { memoryFileSystem } from '../../service/memory-file-system';

const folder = resolve(__dirname, '../../fixtures/rules/weak-algorithm');

function lint(text: string, settings: Partial<LintSettings> = {}): ReturnType<typeof lintConf>['diagnostics'] {
  return lintConf({ path: '/site/ipsec.conf', text, fs: memoryFileSystem({}), settings: { ...defaultSettings, libreswanVersion: '5.4', ...settings } }).diagnostics;
}

describe('weak-algorithm', () => {
  it('is registered and documented', () => {
    expect(confRules.map((r) => r.meta.id)).toContain('weak-algorithm');
    expect(existsSync(resolve(__dirname, '../../../docs/rules/weak-algorithm.md'))).toBe(true);
  });

  it('flags exactly the lines marked "# expect" in bad.conf', () => {
    expectMarkedLines(lintFixture(join(folder, 'bad.conf')), 'weak-algorithm');
  });

  it('finds nothing in good.conf (ESP-NULL on its own is deliberate)', () => {
    expect(lintFixture(join(folder, 'good.conf')).diagnostics.filter((d) => d.ruleId === 'weak-algorithm')).toEqual([]);
  });

  it("names the RFC's word and a replacement the RFC requires, and offers it only as a quick fix", () => {
    const found = lint('conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=3des-md5;modp2048\n\tesp=3des-sha1\n\tauto=add\n').filter((d) => d.ruleId === 'weak-algorithm');
    expect(found.map((d) => d.message.match(/RFC \d+: [A-Z -]+-?/)?.[0].trim())).toEqual(['RFC 8247: MUST NOT', 'RFC 8221: SHOULD NOT', 'RFC 8221: MUST-']);
    expect(found[0].message).toContain('use sha2_256');
    expect(found[0].message).toContain('the peer must change too');
    // Both ends must agree on the change: never applied by --fix or source.fixAll.
    expect(found.flatMap((d) => d.fixes ?? []).every((f) => f.preferred !== true)).toBe(true);
    expect(found.every((d) => d.severity === 'warning' && !d.rejectedByLibreswan)).toBe(true);
  });

  it('speaks whatever the crypto policy, beside the policy rules’ own findings', () => {
    const text = 'config setup\n\tikev1-policy=accept\n\ninclude /etc/crypto-policies/back-ends/libreswan.config\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes-sha1;modp1536\n\tauto=add\n';
    for (const cryptoPolicy of [undefined, 'DEFAULT', 'LEGACY']) {
      const ids = lint(text, { cryptoPolicy }).map((d) => d.ruleId);
      expect(ids.filter((id) => id === 'weak-algorithm'), String(cryptoPolicy)).toHaveLength(2);
    }
    expect(lint(text, { cryptoPolicy: 'DEFAULT' }).map((d) => d.ruleId)).toContain('weaker-than-crypto-policy');
  });

  it('says which group to choose when the target no longer builds the one named', () => {
    const found = lint('conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes-sha2;modp1024\n\tauto=add\n', { libreswanVersion: 'latest' });
    expect(found.find((d) => d.ruleId === 'invalid-proposal')?.rejectedByLibreswan).toBe(true);
    expect(found.find((d) => d.ruleId === 'weak-algorithm')?.message).toMatch(/RFC 8247: SHOULD NOT .*choose modp2048.*change the peer too/);
  });
});
