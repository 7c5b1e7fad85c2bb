import type { ConfRule } from '../rule';
import { endSetting, related, SIDES, where } from './ends';

/** `leftsubnet=` and `leftsubnets=` on one end: the conn is split per subnets= entry and subnet= is not what it looks like. */
export const leftRightSubnetAndSubnets: ConfRule = {
  meta: { id: 'left-right-subnet-and-subnets', description: 'One end sets both subnet= and subnets=.', defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, conns = config.conns }, report) {
    for (const conn of conns) {
      for (const side of SIDES) {
        const one = endSetting(conn, side, 'subnet');
        const many = endSetting(conn, side, 'subnets');
        if (!one || !many) continue;
        report({
          ...where(many),
          message: `conn '${conn.name}': ${side}subnet= and ${side}subnets= are both set; Libreswan builds one conn per ${side}subnets= entry and ${side}subnet= does not add to them. Put every subnet in ${side}subnets=, or use only ${side}subnet=`,
          rejectedByLibreswan: false,
          related: [related(one, `the ${side}subnet= also set`)],
        });
      }
    }
  },
};
