import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintVerdict } from '../../tools/oracle-fuzz/judge';
import { askOracle, oracleMissing } from '../../tools/oracle-fuzz/oracle';

// Issue 9 names three proposals Libreswan 4.10 takes in FIPS mode: ipsec-lint --fips must not
// refuse them. In IKEv1, AES_GCM is no IKE algorithm at all, so both refuse it there.
const cases = [
  { ike: 'aes128', ikev1: false, refused: false },
  { ike: '3des', ikev1: false, refused: false },
  { ike: 'aes_gcm-sha2_256', ikev1: false, refused: false },
  { ike: 'aes128', ikev1: true, refused: false },
  { ike: '3des', ikev1: true, refused: false },
  { ike: 'aes_gcm-sha2_256', ikev1: true, refused: true },
] as const;

const dir = mkdtempSync(join(tmpdir(), 'fips-410-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(c: (typeof cases)[number], i: number): string {
  const path = join(dir, `case${i}.conf`);
  writeFileSync(path, ['config setup', '\tikev1-policy=accept', '', 'conn a', '\tleft=192.0.2.1', '\tright=192.0.2.2', `\tikev2=${c.ikev1 ? 'no' : 'insist'}`, `\tike=${c.ike}`, '\tauthby=secret', '\tauto=add', ''].join('\n'));
  return path;
}

describe('FIPS mode, Libreswan 4.10: the proposals issue 9 names', () => {
  cases.forEach((c, i) => {
    it(`ike=${c.ike} (${c.ikev1 ? 'IKEv1' : 'IKEv2'}) is ${c.refused ? 'refused' : 'accepted'} by ipsec-lint --fips`, () => {
      const lint = lintVerdict(write(c, i), '4.10', true);
      expect(lint.byConn.get('a')?.map((d) => `${d.ruleId}: ${d.message}`).length ?? 0).toBe(c.refused ? 1 : 0);
    });
  });

  const missing = oracleMissing('4.10', true);
  if (missing) console.warn(`[fips-410-values] skipping the live check: ${missing}`);
  it.skipIf(missing !== undefined)('and Debian 4.10 pluto in FIPS mode says the same', async () => {
    const secrets = join(dir, 'empty.secrets');
    writeFileSync(secrets, '');
    for (const [i, c] of cases.entries()) {
      const v = await askOracle(write(c, i), '4.10', { fips: true, secrets });
      expect({ ike: c.ike, ikev1: c.ikev1, refused: v.conns.get('a')?.held === false }).toEqual({ ike: c.ike, ikev1: c.ikev1, refused: c.refused });
    }
  }, 300_000);
});
