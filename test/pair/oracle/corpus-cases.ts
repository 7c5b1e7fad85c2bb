import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endAuthMethods } from '../../../server/model/conn-ids';
import type { ResolvedConn } from '../../../server/model/connections';
import { nodeFileSystem } from '../../../server/model/node-file-system';
import { loadPairEnd } from '../../../server/pair/load-end';
import { fileURLToPath } from 'node:url';
import type { NegotiationCase } from './negotiation-case';

/*
 * West/east pairs of Libreswan's own tests that the oracle can negotiate here: both hosts
 * define the conn, it joins the oracle's two addresses, and it authenticates with a PSK or
 * NULL (the oracle's NSS databases are empty, so certificates and raw RSA keys cannot sign).
 * This choice reads the files only; what happens to each conn is left to the live plutos.
 */

const WEST = new Set(['192.1.2.45', '%defaultroute', '2001:db8:1:2::45']);
const EAST = new Set(['192.1.2.23', '2001:db8:1:2::23']);

/** Features that need more than two bare hosts: a CA, an address pool, a kernel interface, DNS, TCP. */
const needsMore = /cert|^(left|right)ca$|xauth|modecfg|addresspool|interface|tcp|iptfs|offload|ckaid|sigkey|pubkey|ecdsakey|dns|^(left|right)cat$|label|^(left|right)updown$|nat-ikev1|encapsulation|mobike|^(left|right)sourceip$|vti|mark|^(left|right)protoport$|ipsec-max|replay|^(left|right)groundhog|redirect/;

function negotiable(conn: ResolvedConn): boolean {
  const left = conn.settings.get('left')?.value.trim() ?? '';
  const right = conn.settings.get('right')?.value.trim() ?? '';
  const joins = (WEST.has(left) && EAST.has(right)) || (WEST.has(right) && EAST.has(left));
  if (!joins) return false;
  for (const key of conn.settings.keys()) if (needsMore.test(key)) return false;
  const type = conn.settings.get('type')?.value.trim();
  if (type && !['tunnel', 'transport'].includes(type)) return false;
  const auto = conn.settings.get('auto')?.value.trim();
  if (auto === 'ignore') return false;
  return (['left', 'right'] as const).every((end) => endAuthMethods(conn, end).every((m) => m === 'secret' || m === 'null'));
}

/** A secrets file for hosts whose test reads the test-suite's shared /etc/ipsec.secrets, which the corpus does not hold. */
export function defaultSecrets(dir: string): string {
  const path = join(dir, 'default.secrets');
  if (!existsSync(path)) writeFileSync(path, ': PSK "ipsec-lint-oracle-shared-test-key"\n');
  return path;
}

/** The shared corpus beside the project (as test/support/corpus.ts finds it, without CommonJS's __dirname). */
export const corpusDir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

export function corpusCases(scratch: string): NegotiationCase[] {
  const pluto = join(corpusDir, 'testing/pluto');
  if (!existsSync(pluto)) return [];
  const cases: NegotiationCase[] = [];
  for (const test of readdirSync(pluto).sort()) {
    const dir = join(pluto, test);
    const westConf = join(dir, 'west.conf');
    const eastConf = join(dir, 'east.conf');
    if (!existsSync(westConf) || !existsSync(eastConf)) continue;
    const west = loadPairEnd(westConf, false, nodeFileSystem, '5.4');
    const east = loadPairEnd(eastConf, false, nodeFileSystem, '5.4');
    if (!west.ok || !east.ok) continue;
    // Only files without includes: an include the oracle rewrites is read here from the corpus root.
    if (west.end.config.loaded.files.length > 1 || east.end.config.loaded.files.length > 1) continue;
    // A redirect sends the initiator to a third host, which the oracle does not have.
    if ([...west.end.config.setup.keys(), ...east.end.config.setup.keys()].some((k) => /redirect/.test(k))) continue;
    const eastByName = new Map(east.end.config.conns.map((c) => [c.name, c]));
    const templates = new Set([...west.end.config.conns, ...east.end.config.conns].flatMap((c) => c.alsoSections.map((s) => (s.section.kind === 'conn' ? s.section.name : ''))));
    for (const conn of west.end.config.conns) {
      const peer = eastByName.get(conn.name);
      if (!peer || templates.has(conn.name) || !negotiable(conn) || !negotiable(peer)) continue;
      const secret = (side: string): string => {
        const own = join(dir, `${side}.secrets`);
        return existsSync(own) ? own : defaultSecrets(scratch);
      };
      cases.push({ id: `corpus/${test}/${conn.name}`, kind: 'corpus', westConf, eastConf, westSecrets: secret('west'), eastSecrets: secret('east'), conn: conn.name });
    }
  }
  return cases;
}
