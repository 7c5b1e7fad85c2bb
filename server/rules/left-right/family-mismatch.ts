import { refusedWhenAdded } from '../conn-role';
import { familyOf, type Family } from '../../model/address-syntax';
import type { ResolvedConn } from '../../model/connections';
import { connAddFacts, hostaddrfamilyWords, type ConnAddFacts } from '../../../schemas/conn-facts';
import type { Setting } from '../../model/connections';
import type { ConfRule, Finding } from '../rule';
import { connHostFamily, endReading, endSetting, familyOfCidr, related, shown, SIDES, subnetsOf, where } from './ends';

interface FamilySource {
  readonly families: ReadonlySet<Family>;
  readonly setting: Setting;
}

/**
 * IPv4 against IPv6 where Libreswan needs one family: the two hosts and their nexthops
 * share one family; each end's client (its subnets, or its host when it has none) must
 * share a family with the other end's. A 4in6 tunnel (IPv4 subnets between IPv6 hosts)
 * is fine: hosts and clients are compared separately.
 */
export const leftRightFamilyMismatch: ConfRule = {
  meta: { id: 'left-right-family-mismatch', description: 'IPv4 and IPv6 mixed where Libreswan needs one family: left=/right=/nexthop=, or the subnets of the two ends.', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    const facts = connAddFacts[version];
    for (const conn of conns) {
      const hosts: FamilySource[] = [];
      const wanted = facts.hostaddrfamilyFixesHostFamily ? conn.settings.get('hostaddrfamily') : undefined;
      const wantedFamily = wanted ? hostaddrfamilyWords[wanted.value.trim().toLowerCase()] : undefined;
      if (wanted && wantedFamily) hosts.push({ families: new Set([wantedFamily]), setting: wanted });
      for (const side of SIDES) {
        for (const name of facts.nexthopFamilyChecked ? ['', 'nexthop'] : ['']) {
          const s = endSetting(conn, side, name);
          const family = s ? ((name === '' ? endReading(conn, side).hostFamily : familyOf(s.value.trim())) ?? facts.hostWordFamilies[s.value.trim().toLowerCase()]) : undefined;
          if (s && family) hosts.push({ families: new Set([family]), setting: s });
        }
      }
      const firstHost = hosts[0];
      const clash = hosts.find((h) => firstHost && !h.families.has([...firstHost.families][0]));
      if (firstHost && clash && facts.hostFamilyMismatchRefused) {
        report({
          conn: conn.name,
          ...where(clash.setting),
          message: `conn '${conn.name}': ${shown(clash.setting)} is ${[...clash.families][0]} but ${shown(firstHost.setting)} is ${[...firstHost.families][0]}; both hosts and their nexthops${wantedFamily ? ', and hostaddrfamily=,' : ''} must use one address family`,
          rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          related: [related(firstHost.setting, 'the host address of the other family')],
        });
        continue;
      }
      const client = (side: 'left' | 'right'): FamilySource | undefined => {
        // A pool or a vhost:/vnet: subnet makes the client family a run-time matter.
        if (endSetting(conn, side, 'addresspool') || endSetting(conn, side, 'vti')) return undefined;
        const subnet = endSetting(conn, side, 'subnet');
        if (subnet) {
          const cidrs = endReading(conn, side).subnets.flatMap((s) => (s.cidr ? [s.cidr] : []));
          return cidrs.length > 0 ? { families: new Set(cidrs.map(familyOfCidr)), setting: subnet } : undefined;
        }
        const host = endSetting(conn, side, '');
        const family = host ? endReading(conn, side).hostFamily : undefined;
        return host && family ? { families: new Set([family]), setting: host } : undefined;
      };
      if (connAddFacts[version].clientFamilies === 'same-set') {
        checkSameFamilies(conn, connHostFamily(conn, facts), facts, report, refusedWhenAdded(config, version, conn));
        continue;
      }
      const left = client('left');
      const right = client('right');
      if (!left || !right) continue;
      if ([...left.families].some((f) => right.families.has(f))) continue;
      const [subject, other] = left.setting.storageKey.endsWith('subnet') ? [left, right] : [right, left];
      report({
        conn: conn.name,
        ...where(subject.setting),
        message: `conn '${conn.name}': ${shown(subject.setting)} is ${[...subject.families].join('/')} but ${shown(other.setting)} is ${[...other.families].join('/')}; the traffic on both ends of a tunnel must be one address family (Libreswan: "address family … conflicts with …")`,
        rejectedByLibreswan: refusedWhenAdded(config, version, conn),
        related: [related(other.setting, 'the other end, of the other family')],
      });
    }
  },
};

/** 5.x: an end's families come from its subnets, else its pools, else its host. */
function endFamilies(conn: ResolvedConn, side: 'left' | 'right', host: Family): FamilySource | undefined {
  // subnets= makes one alias conn per entry; each is checked when it is instantiated.
  const subnets = endSetting(conn, side, 'subnets');
  const subnet = endSetting(conn, side, 'subnet');
  if (subnet || subnets) {
    const source = (subnet ?? subnets) as Setting;
    if (/^v(host|net):/i.test(source.value.trim())) return undefined;
    const cidrs = subnetsOf(source.value.replace(/[{}]/g, ' ')).map((s) => s.cidr);
    if (cidrs.length === 0 || cidrs.some((c) => c === undefined)) return undefined;
    return { families: new Set(cidrs.flatMap((c) => (c ? [familyOfCidr(c)] : []))), setting: source };
  }
  const pool = endSetting(conn, side, 'addresspool');
  if (pool) {
    const families = pool.value.split(',').map((item) => familyOf(item.trim().split(/[-/]/)[0]));
    if (families.some((f) => f === undefined)) return undefined;
    return { families: new Set(families as Family[]), setting: pool };
  }
  const h = endSetting(conn, side, '');
  return h ? { families: new Set([host]), setting: h } : undefined;
}

function checkSameFamilies(conn: ResolvedConn, host: Family, facts: ConnAddFacts, report: (f: Finding) => void, rejected: boolean): void {
  const left = endFamilies(conn, 'left', host);
  const right = endFamilies(conn, 'right', host);
  const wanted = facts.clientaddrfamilyChecked ? conn.settings.get('clientaddrfamily') : undefined;
  const wantedFamily = wanted ? hostaddrfamilyWords[wanted.value.trim().toLowerCase()] : undefined;
  if (wanted && wantedFamily) {
    const other = [left, right].find((e) => e !== undefined && [...e.families].some((f) => f !== wantedFamily));
    if (other) {
      report({
        conn: conn.name,
        ...where(other.setting),
        message: `conn '${conn.name}': ${shown(other.setting)} uses ${[...other.families].join('+')} but ${shown(wanted)} allows only ${wantedFamily} clients; Libreswan refuses the conn ("childaddrfamily=… conflicts with …"). Drop clientaddrfamily= or use one family`,
        rejectedByLibreswan: rejected,
        related: [related(wanted, 'the client family asked for')],
      });
      return;
    }
  }
  if (!left || !right) return;
  const same = left.families.size === right.families.size && [...left.families].every((f) => right.families.has(f));
  if (same) return;
  // An end without subnet= or pool carries the conn's one host family, whatever its own address says.
  const fam = (s: FamilySource): string => `${[...s.families].join('+')}${s.setting.storageKey === 'left' || s.setting.storageKey === 'right' ? ' (no subnet: the conn\'s host family)' : ''}`;
  report({
    conn: conn.name,
    ...where(left.setting),
    message: `conn '${conn.name}': ${shown(left.setting)} uses ${fam(left)} but ${shown(right.setting)} uses ${fam(right)}; Libreswan 5 needs both ends' traffic (subnets, else pool, else host) in the same address families ("address family of … conflicts with …")`,
    rejectedByLibreswan: rejected,
    related: [related(right.setting, 'the other end')],
  });
}
