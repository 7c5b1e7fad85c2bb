import { ikev1AuthbyCheck } from '../../../schemas/conn-facts';
import { ikeVersionOf } from '../../model/crypto-context';
import type { ConfRule } from '../rule';

/** An IKEv1 conn whose authby= lists a method only IKEv2 has (null, ecdsa, rsa-sha2…). */
export const ikev1Authby: ConfRule = {
  meta: { id: 'ikev1-authby', description: "An IKEv1 conn whose authby= lists a method only IKEv2 has (null, ecdsa, rsa-sha2, …).", defaultSeverity: 'error', scope: 'conf', perConn: true },
  check({ config, version, conns = config.conns }, report) {
    if (!ikev1AuthbyCheck.versions.has(version)) return;
    for (const conn of conns) {
      if (ikeVersionOf(conn.settings) !== 1) continue;
      const authby = conn.settings.get('authby');
      if (!authby) continue;
      const items = authby.value.split(/[\s,]+/).filter((i) => i !== '');
      const bad = items.filter((i) => !ikev1AuthbyCheck.allowed.has(i));
      if (bad.length === 0) continue;
      const a = authby.source;
      report({
        file: a.file.path,
        range: a.line.value?.range ?? a.line.range,
        message: `conn '${conn.name}' is IKEv1, and authby=${bad.join(',')} is IKEv2 only: Libreswan ${version} refuses the conn ("ikev1 connection must use authby= of rsasig, secret or never"); use authby=secret or authby=rsasig, or make the conn IKEv2 (the peer must change too)`,
        rejectedByLibreswan: true,
      });
    }
  },
};
