import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A site-to-site mesh: every host has a conn to every other, its own address, id and
 * subnet, and a PSK per pair of hosts. Five faults of different kinds are planted on one
 * host of five pairs; `expectedFaults` says what each should be found as.
 */

export interface PlantedFault {
  readonly west: string;
  readonly east: string;
  readonly state: string;
  readonly notification: string;
}

const name = (i: number): string => `site${String(i).padStart(2, '0')}`;
const address = (i: number): string => `198.18.0.${i}`;
const subnet = (i: number): string => `10.${i}.0.0/16`;

/** Extra lines for the conn from host `from` to host `to`, and secrets that differ. */
interface Plant {
  readonly from: number;
  readonly to: number;
  readonly lines?: Readonly<Record<string, string>>;
  readonly psk?: string;
  readonly expected: PlantedFault;
}

const plants = (): Plant[] => [
  { from: 3, to: 7, lines: { ike: 'aes128-sha2_256;modp2048' }, expected: { west: name(3), east: name(7), state: 'ike-refused', notification: 'NO_PROPOSAL_CHOSEN' } },
  { from: 7, to: 3, lines: { ike: 'aes256-sha2_512;dh20' }, expected: { west: name(3), east: name(7), state: 'ike-refused', notification: 'NO_PROPOSAL_CHOSEN' } },
  { from: 12, to: 5, psk: '"a-key-site12-got-wrong-0123456789"', expected: { west: name(5), east: name(12), state: 'ike-refused', notification: 'AUTHENTICATION_FAILED' } },
  { from: 15, to: 9, lines: { rightsubnet: '10.99.0.0/16' }, expected: { west: name(9), east: name(15), state: 'child-refused', notification: 'TS_UNACCEPTABLE' } },
  { from: 2, to: 18, lines: { right: '198.18.0.99' }, expected: { west: name(2), east: name(18), state: 'unreachable', notification: 'timeout' } },
  { from: 20, to: 11, lines: { rightsubnet: '2001:db8:11::/48' }, expected: { west: name(11), east: name(20), state: 'cannot-add', notification: 'NO_PROPOSAL_CHOSEN' } },
];

/** Writes `hosts` host folders under `dir`; returns their paths and the faults planted. */
export function writeMesh(dir: string, hosts = 20): { readonly paths: string[]; readonly faults: PlantedFault[] } {
  const planted = plants().filter((p) => p.from <= hosts && p.to <= hosts);
  const paths: string[] = [];
  for (let i = 1; i <= hosts; i++) {
    const folder = join(dir, name(i));
    mkdirSync(join(folder, 'ipsec.d'), { recursive: true });
    writeFileSync(join(folder, 'ipsec.conf'), 'config setup\n\tlogfile=/var/log/pluto.log\n\ninclude /etc/ipsec.d/*.conf\n');
    const secrets: string[] = [];
    for (let j = 1; j <= hosts; j++) {
      if (j === i) continue;
      const plant = planted.find((p) => p.from === i && p.to === j);
      const keys: Record<string, string> = {
        left: address(i), leftid: `@${name(i)}`, leftsubnet: subnet(i),
        right: address(j), rightid: `@${name(j)}`, rightsubnet: subnet(j),
        authby: 'secret', auto: 'start', ...plant?.lines,
      };
      const body = Object.entries(keys).map(([k, v]) => `\t${k}=${v}`).join('\n');
      writeFileSync(join(folder, 'ipsec.d', `${name(i)}-${name(j)}.conf`), `conn ${name(i)}-to-${name(j)}\n${body}\n`);
      const [a, b] = i < j ? [i, j] : [j, i];
      secrets.push(`@${name(i)} @${name(j)} : PSK ${plant?.psk ?? `"mesh-key-${a}-${b}-0123456789abcdef"`}`);
    }
    writeFileSync(join(folder, 'ipsec.secrets'), secrets.join('\n') + '\n', { mode: 0o600 });
    paths.push(folder);
  }
  // The IKE fault is planted on both ends of one pair: one finding, one fault.
  const faults = planted.map((p) => p.expected).filter((f, k, all) => all.findIndex((g) => g.west === f.west && g.east === f.east) === k);
  return { paths, faults };
}
