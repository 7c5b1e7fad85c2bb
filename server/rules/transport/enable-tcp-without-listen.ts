import type { ConfRule } from '../rule';
import { connValue, endSetting, hostKind, isYes, neverNegotiates, SIDES, where } from '../left-right/ends';

/**
 * `enable-tcp=yes|fallback` on a conn that answers peers, while `config setup` does not
 * open the TCP port (`listen-tcp=yes`): the peer's TCP connection is refused.
 */
export const enableTcpWithoutListen: ConfRule = {
  meta: { id: 'enable-tcp-without-listen', description: "enable-tcp= on a conn that responds, without listen-tcp=yes in 'config setup'.", defaultSeverity: 'warning', scope: 'conf', perConn: true },
  check({ config, table, conns = config.conns }, report) {
    const listen = config.setup.get('listen-tcp')?.value ?? table.lookup('config', 'listen-tcp')?.info.default;
    if (isYes(listen)) return;
    for (const conn of conns) {
      const tcp = conn.settings.get('enable-tcp');
      const mode = connValue(conn, 'enable-tcp');
      if (!tcp || mode === undefined || !(mode === 'fallback' || isYes(mode)) || neverNegotiates(conn)) continue;
      const auto = connValue(conn, 'auto');
      const answers = SIDES.some((s) => hostKind(endSetting(conn, s, '')?.value ?? '') === 'wildcard') || auto === 'add' || auto === 'keep';
      if (!answers) continue;
      report({
        ...where(tcp),
        message: `conn '${conn.name}' accepts IKE over TCP (enable-tcp=${tcp.value}) and answers peers, but 'config setup' does not set listen-tcp=yes, so pluto does not listen on TCP and a peer's TCP attempt is refused; add listen-tcp=yes to 'config setup'`,
        rejectedByLibreswan: false,
      });
    }
  },
};
