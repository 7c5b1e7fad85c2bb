import type { ConfRule } from '../rule';

/** A raw public key in `conn %default`: 4.x then refuses every conn with "duplicate public key". */
export const publicKeyInDefault: ConfRule = {
  meta: { id: 'public-key-in-default', description: "A public key (rsasigkey=, ecdsakey=, pubkey=) set in 'conn %default', which 4.x cannot handle.", defaultSeverity: 'error', scope: 'conf' },
  check({ config, behaviour, version }, report) {
    if (!behaviour.publicKeyInDefaultRejected) return;
    for (const [placed, assignments] of config.assignments) {
      if (placed.section.kind !== 'conn' || placed.section.name !== '%default') continue;
      for (const a of assignments) {
        if (a.meaning.kind !== 'known' || a.meaning.canonical.info.type !== 'pubkey') continue;
        report({
          file: a.file.path,
          range: a.line.key.range,
          message: `Libreswan ${version} refuses every conn when '${a.line.key.text}' is set in 'conn %default' ("duplicate public key"): set it in each conn, or in a conn pulled in with also=`,
          rejectedByLibreswan: config.conns.length > 0,
        });
      }
    }
  },
};
