import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FuzzVersion } from '../../../tools/oracle-fuzz/generate';
import { lintVerdict } from '../../../tools/oracle-fuzz/judge';
import { askOracle, askSteadily, oracleMissing, type OracleVerdict } from '../../../tools/oracle-fuzz/oracle';

/*
 * Small conf files whose first lines record which conns live pluto holds and refuses, per
 * release (`# pluto 5.4: held a b; refused c`), each written to pin one add-time behaviour
 * the differential fuzzer found. ipsec-lint must give the same per-conn verdict offline; where
 * the oracle runs here, pluto is asked again, so a recorded verdict cannot go stale.
 */

const dir = resolve(__dirname, '../../fixtures/pluto-cases');

interface Recorded {
  readonly version: FuzzVersion;
  readonly held: readonly string[];
  readonly refused: readonly string[];
}

function recorded(text: string): Recorded[] {
  const out: Recorded[] = [];
  for (const line of text.split('\n')) {
    const m = /^# pluto (\S+): held ([^;]*); refused (.*)$/.exec(line);
    if (!m) continue;
    const names = (s: string): string[] => s.trim().split(/\s+/).filter((n) => n !== '-' && n !== '');
    out.push({ version: m[1] as FuzzVersion, held: names(m[2]), refused: names(m[3]) });
  }
  return out;
}

const cases = readdirSync(dir).filter((f) => f.endsWith('.conf')).sort();
const tmp = mkdtempSync(join(tmpdir(), 'pluto-cases-'));
const secrets = join(tmp, 'empty.secrets');
writeFileSync(secrets, '');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('add-time verdicts pinned against live pluto', () => {
  it('has cases, each recording at least one release', () => {
    expect(cases.length).toBeGreaterThan(3);
    for (const f of cases) expect(recorded(readFileSync(join(dir, f), 'utf8')).length, f).toBeGreaterThan(0);
  });

  for (const f of cases) {
    const path = join(dir, f);
    for (const r of recorded(readFileSync(path, 'utf8'))) {
      const conns = [...r.held, ...r.refused];
      it(`${f}: ipsec-lint refuses exactly the conns Libreswan ${r.version} refuses`, () => {
        const v = lintVerdict(path, r.version, false);
        const refused = conns.filter((c) => (v.byConn.get(c) ?? []).length > 0);
        const why = conns.map((c) => `${c}: ${(v.byConn.get(c) ?? []).map((d) => d.message).join(' | ') || 'accepted'}`);
        expect({ refused, why }).toEqual({ refused: [...r.refused], why });
      });

      const missing = oracleMissing(r.version);
      if (missing) console.warn(`[pluto-cases] not asking Libreswan ${r.version} again: ${missing}`);
      it.skipIf(missing !== undefined)(`${f}: Libreswan ${r.version} still gives the recorded verdicts`, async () => {
        const refusedBy = (v: OracleVerdict): string[] => conns.filter((c) => v.conns.get(c)?.held !== true);
        // A loaded machine now and then loses a reply: ask again, as the fuzzer does, before judging.
        const { verdict } = await askSteadily(() => askOracle(path, r.version, { fips: false, secrets, tmp }), (v) => refusedBy(v).join() !== r.refused.join());
        expect(verdict.error).toBeUndefined();
        expect(refusedBy(verdict)).toEqual([...r.refused]);
      }, 120_000);
    }
  }
});
