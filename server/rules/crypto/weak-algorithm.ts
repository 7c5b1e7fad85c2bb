import { algorithmRequirement, governingProtocol, NULL_ENCRYPTION, requirementDocument } from '../../../schemas/algorithm-requirements';
import { findAlgorithm } from '../../../schemas/algorithms';
import { parseProposalCached } from '../../model/proposal-cache';
import type { ConfRule, Finding } from '../rule';
import { proposalUses } from './proposal-uses';
import { connList, rangeInValue } from './value-range';

/**
 * An algorithm the IETF's usage guidance says to avoid (RFC 8247 for IKEv2, RFC 8221 for
 * ESP/AH), named in ike=/esp=/ah=, whatever the system crypto policy: a policy can be LEGACY,
 * or absent. The replacement is one the same RFC requires, so the peer very likely has it;
 * changing it changes what both ends must agree on, so the quick fix is never applied by
 * --fix (pair checks both ends). The crypto-policy rules keep their own findings.
 */
export const weakAlgorithm: ConfRule = {
  meta: {
    id: 'weak-algorithm',
    description: 'ike=, esp= or ah= names an algorithm that RFC 8247 (IKEv2) or RFC 8221 (ESP, AH) says must not, or should not, be used, or is being phased out.',
    defaultSeverity: 'warning',
    scope: 'conf',
  },
  check({ config, version, cryptoPolicy }, report) {
    const { uses } = proposalUses(config, version);
    // The system policy's own back-end file is not the author's to edit: what it allows is the
    // policy's choice (crypto-policy-override and weaker-than-crypto-policy speak of it).
    const policyFile = cryptoPolicy?.loadedFile?.path;
    const said = new Set<string>();
    const once = (f: Finding): void => {
      const key = `${f.file}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
      if (said.has(key)) return;
      said.add(key);
      report(f);
    };
    for (const use of uses) {
      const a = use.assignment;
      if (policyFile !== undefined && a.file.path === policyFile) continue;
      const parsed = parseProposalCached(a.value, { protocol: use.protocol, ikeVersion: use.ikeVersion, version, pfs: use.pfs, fips: false });
      // Only a finding needs the conn list: most uses have none, and the list of a shared line is long.
      const who = (): string => (use.conns.length > 0 ? ` (${connList(use.conns)})` : '');
      const proposals = parsed.proposals;
      // A group the target no longer builds (modp1024 in 5.5) drops out of the parse: invalid-proposal
      // says the conn is refused; this says which group to choose instead, and that the peer must too.
      const covered = proposals.flatMap((p) => p.tokens.map((t) => [t.start, t.end] as const));
      for (const m of a.value.matchAll(/[a-z0-9_]+/gi)) {
        const start = m.index ?? 0;
        if (covered.some(([s, e]) => start >= s && start < e)) continue;
        const group = findAlgorithm('ke', m[0]);
        const requirement = group ? algorithmRequirement(use.protocol, 'ke', group.name) : undefined;
        if (!group || !requirement) continue;
        const range = rangeInValue(a, start, start + m[0].length);
        once({
          file: a.file.path,
          range,
          message: `${a.line.key.text}= offers ${group.name} ('${m[0]}')${who()}: RFC 8247: ${requirement.level} (${requirement.why}), and Libreswan ${version} does not build it; choose ${requirement.instead}, which RFC 8247 requires of every implementation, and change the peer too (ipsec-lint pair can check both ends)`,
          rejectedByLibreswan: false,
          fixes: [{ title: `Replace '${m[0]}' with '${requirement.instead}'`, edits: [{ file: a.file.path, range, newText: requirement.instead }] }],
        });
      }
      for (const proposal of proposals) {
        for (const token of proposal.tokens) {
          const algorithm = token.algorithm;
          if (!algorithm) continue;
          const requirement = algorithmRequirement(use.protocol, algorithm.type, algorithm.name);
          if (requirement) {
            const rfc = requirementDocument(governingProtocol(use.protocol, algorithm.type));
            const range = rangeInValue(a, token.start, token.end);
            once({
              file: a.file.path,
              range,
              message: `${a.line.key.text}= offers ${algorithm.name} ('${token.text}')${who()}: ${rfc}: ${requirement.level} (${requirement.why}); use ${requirement.instead}, which ${rfc} requires of every implementation, so the peer very likely has it; the peer must change too (ipsec-lint pair can check both ends)`,
              rejectedByLibreswan: false,
              fixes: [{ title: `Replace '${token.text}' with '${requirement.instead}'`, edits: [{ file: a.file.path, range, newText: requirement.instead }] }],
            });
          }
          // ESP-NULL on purpose is every proposal NULL; NULL beside real ciphers lets the peer pick no encryption.
          if (algorithm.type === 'encrypt' && algorithm.name === 'NULL' && use.protocol === 'esp') {
            const others = proposals.some((p) => p.tokens.some((t) => t.algorithm?.type === 'encrypt' && t.algorithm.name !== 'NULL'));
            if (others) {
              once({
                file: a.file.path,
                range: rangeInValue(a, token.start, token.end),
                message: `${a.line.key.text}= offers NULL encryption beside real ciphers${who()}: ${NULL_ENCRYPTION.rfc}: ${NULL_ENCRYPTION.level} to implement, but ${NULL_ENCRYPTION.why}; remove it, or make a separate ESP-NULL conn`,
                rejectedByLibreswan: false,
              });
            }
          }
        }
      }
    }
  },
};
