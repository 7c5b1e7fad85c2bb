import { isNeverNegotiate, refusedWhenAdded } from '../conn-role';
import type { ConfRule } from '../rule';
import { connValue, isYes, related, where } from '../left-right/ends';
import { connAddFacts } from '../../../schemas/conn-facts';

/**
 * NIC offload that the transport cannot carry: ESP in TCP is never offloaded, and from 5.0
 * `nic-offload=packet` needs a plain ESP transport-mode SA (no AH, no compression, no UDP
 * encapsulation), which Libreswan checks at `auto --add`.
 */
export const nicOffloadUnsupported: ConfRule = {
  meta: { id: 'nic-offload-unsupported', description: 'nic-offload= on a conn whose transport cannot be offloaded (ESP in TCP; packet offload outside plain ESP transport mode).', defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    const facts = connAddFacts[version];
    for (const conn of conns) {
      const offload = conn.settings.get('nic-offload');
      const mode = connValue(conn, 'nic-offload');
      if (!offload || mode === undefined || mode === 'no' || mode === 'auto') continue;
      const tcp = conn.settings.get('enable-tcp');
      if (tcp && isYes(tcp.value)) {
        report({
          conn: conn.name,
          ...where(offload),
          message: `conn '${conn.name}': nic-offload=${offload.value} with enable-tcp=${tcp.value}: ESP inside TCP cannot be offloaded to the NIC, so the kernel falls back to software or refuses the SA; use enable-tcp=fallback or drop nic-offload=`,
          rejectedByLibreswan: false,
          severity: 'warning',
          related: [related(tcp, 'ESP in TCP')],
        });
      }
      // Every 5.x pluto drops nic-offload= from a never-negotiate conn with a warning before these checks.
      if (mode !== 'packet' || !facts.nicOffloadPacket || isNeverNegotiate(conn)) continue;
      const problems: string[] = [];
      if ((connValue(conn, 'type') ?? 'tunnel') !== 'transport') problems.push('type=transport');
      if (connValue(conn, 'phase2') === 'ah') problems.push('phase2=esp');
      if (isYes(connValue(conn, 'compress'))) problems.push('compress=no');
      if (isYes(connValue(conn, 'encapsulation'))) problems.push('no encapsulation=yes');
      if (problems.length === 0) continue;
      report({
        conn: conn.name,
        ...where(offload),
        message: `conn '${conn.name}': nic-offload=packet needs ${problems.join(', ')}; Libreswan ${version} refuses the conn ("nic-offload=packet restricted to …"). Use nic-offload=crypto, or change the conn`,
        rejectedByLibreswan: refusedWhenAdded(config, version, conn),
      });
    }
  },
};
