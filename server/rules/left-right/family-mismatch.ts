import { refusedWhenAdded } from '../conn-role';
import { familyOf, type Family } from '../../model/address-syntax';
import type { Setting } from '../../model/connections';
import type { ConfRule } from '../rule';
import { endSetting, familyOfCidr, related, shown, SIDES, subnetsOf, where } from './ends';

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
  meta: { id: 'left-right-family-mismatch', description: 'IPv4 and IPv6 mixed where Libreswan needs one family: left=/right=/nexthop=, or the subnets of the two ends.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, version }, report) {
    for (const conn of config.conns) {
      const hosts: FamilySource[] = [];
      for (const side of SIDES) {
        for (const name of ['', 'nexthop']) {
          const s = endSetting(conn, side, name);
          const family = s ? familyOf(s.value.trim()) : undefined;
          if (s && family) hosts.push({ families: new Set([family]), setting: s });
        }
      }
      const firstHost = hosts[0];
      const clash = hosts.find((h) => firstHost && !h.families.has([...firstHost.families][0]));
      if (firstHost && clash) {
        report({
          conn: conn.name,
          ...where(clash.setting),
          message: `conn '${conn.name}': ${shown(clash.setting)} is ${[...clash.families][0]} but ${shown(firstHost.setting)} is ${[...firstHost.families][0]}; both hosts and their nexthops must use one address family`,
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
          const cidrs = subnetsOf(subnet.value).flatMap((s) => (s.cidr ? [s.cidr] : []));
          return cidrs.length > 0 ? { families: new Set(cidrs.map(familyOfCidr)), setting: subnet } : undefined;
        }
        const host = endSetting(conn, side, '');
        const family = host ? familyOf(host.value.trim()) : undefined;
        return host && family ? { families: new Set([family]), setting: host } : undefined;
      };
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
