import { refusedWhenAdded } from '../conn-role';
import { parseAddress } from '../../model/address-syntax';
import type { ConfRule } from '../rule';
import { cidrContains, endSetting, related, shown, SIDES, subnetsOf, where } from './ends';
import { connAddFacts } from '../../../schemas/conn-facts';

/** `leftsourceip=` that is not inside `leftsubnet=` (or, without a subnet, not `left=` itself). */
export const leftRightSourceipOutsideSubnet: ConfRule = {
  meta: { id: 'left-right-sourceip-outside-subnet', description: "An end's sourceip= is not inside that end's subnet= (or, from 5.2, differs from the end's host when there is no subnet).", defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    const facts = connAddFacts[version];
    for (const conn of conns) {
      for (const side of SIDES) {
        const sourceip = endSetting(conn, side, 'sourceip');
        if (!sourceip) continue;
        const addresses = sourceip.value.split(',').map((t) => parseAddress(t.trim())).filter((a) => a !== undefined);
        if (addresses.length === 0) continue;
        const zero = addresses.find((a) => a.toByteArray().every((b) => b === 0));
        if (zero && facts.sourceipZeroRefused) {
          report({
            conn: conn.name,
            ...where(sourceip),
            message: `conn '${conn.name}': ${shown(sourceip)}: ${zero.toString()} is the unspecified address, not one this end can use; Libreswan ${version} refuses to add the conn. Write this end's own address inside its subnet`,
            rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          });
          continue;
        }
        // subnets= (on either end) makes alias conns, and pluto does not hold sourceip= against an
        // alias's selectors; the comparison with the host, for an end without any, still applies.
        const aliases = facts.sourceipMustMatchHostWithoutSubnet && SIDES.some((s) => endSetting(conn, s, 'subnets'));
        if (aliases && endSetting(conn, side, 'subnets')) continue;
        const subnet = endSetting(conn, side, 'subnet');
        if (subnet) {
          if (aliases) continue;
          const cidrs = subnetsOf(subnet.value).flatMap((s) => (s.cidr ? [s.cidr] : []));
          if (cidrs.length === 0) continue;
          const outside = addresses.find((a) => !cidrs.some((c) => cidrContains(c, a)));
          if (!outside) continue;
          const rejected = facts.sourceipOutsideSubnetRejected;
          report({
            conn: conn.name,
            ...where(sourceip),
            message: `conn '${conn.name}': ${shown(sourceip)}: ${outside.toString()} is not within ${shown(subnet)}; ${rejected ? `Libreswan ${version} refuses to add the conn` : `Libreswan ${version} loads it, but the route it installs uses an address outside the tunnel`}. Use an address of this end's subnet`,
            rejectedByLibreswan: rejected && refusedWhenAdded(config, version, conn),
            severity: rejected ? 'error' : 'warning',
            related: [related(subnet, "this end's subnet")],
          });
          continue;
        }
        if (!facts.sourceipMustMatchHostWithoutSubnet) continue;
        const host = endSetting(conn, side, '');
        const word = host?.value.trim().toLowerCase();
        if (host && word !== undefined && facts.sourceipUnknownHostWords.has(word)) {
          report({
            conn: conn.name,
            ...where(sourceip),
            message: `conn '${conn.name}': ${shown(sourceip)} with ${shown(host)} and no ${side}subnet=: pluto has no address of this end to hold the source address against, so Libreswan ${version} refuses to add the conn. Set ${side}subnet= to a subnet holding it, or drop ${side}sourceip=`,
            rejectedByLibreswan: refusedWhenAdded(config, version, conn),
            related: [related(host, "this end's host")],
          });
          continue;
        }
        const hostAddress = host ? parseAddress(host.value.trim()) : undefined;
        if (!host || !hostAddress) continue;
        // 5.x compares every address of the list with the host, whatever its family.
        const differs = addresses.find((a) => a.kind() !== hostAddress.kind() || a.toNormalizedString() !== hostAddress.toNormalizedString());
        if (!differs) continue;
        report({
          conn: conn.name,
          ...where(sourceip),
          message: `conn '${conn.name}': ${shown(sourceip)} is not ${shown(host)} and ${side}subnet= is not set; Libreswan ${version} refuses to add the conn. Set ${side}subnet= to a subnet holding ${differs.toString()}, or drop ${side}sourceip=`,
          rejectedByLibreswan: refusedWhenAdded(config, version, conn),
          related: [related(host, "this end's host")],
        });
      }
    }
  },
};
