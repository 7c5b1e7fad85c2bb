import type { ConfRule } from '../rule';
import { endSetting, hasHostBits, networkOf, SIDES, subnetsOf, where } from './ends';

/** `leftsubnet=192.0.2.1/24`: Libreswan clears the host bits without a word, so the value misleads. */
export const leftRightSubnetHostBits: ConfRule = {
  meta: { id: 'left-right-subnet-host-bits', description: 'A subnet= (or subnets=) with host bits set below its prefix, e.g. 192.0.2.1/24.', defaultSeverity: 'warning', scope: 'conf', fixable: true },
  check({ config }, report) {
    const seen = new Set<unknown>();
    for (const conn of config.conns) {
      for (const side of SIDES) {
        for (const name of ['subnet', 'subnets']) {
          const s = endSetting(conn, side, name);
          // A %default or also= section is shared by many conns: report its line once.
          if (!s || seen.has(s.source)) continue;
          seen.add(s.source);
          for (const item of subnetsOf(s.value)) {
            if (!item.cidr || !hasHostBits(item.cidr)) continue;
            const network = networkOf(item.cidr);
            report({
              ...where(s),
              message: `${s.source.line.key.text}: ${item.text} has host bits set; Libreswan uses ${network}. Write ${network}, or /${item.cidr[0].kind() === 'ipv4' ? 32 : 128} for one host`,
              rejectedByLibreswan: false,
              fixes: s.value.trim() === item.text && s.source.line.value
                ? [{ title: `Write ${network}`, edits: [{ file: s.source.file.path, range: s.source.line.value.range, newText: network }], preferred: true }]
                : undefined,
            });
          }
        }
      }
    }
  },
};
