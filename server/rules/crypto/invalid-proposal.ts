import { parseProposalList, type ProposalDiagnostic } from '../../../grammar/proposal/index';
import type { ConfRule, Finding } from '../rule';
import { proposalUses, type ProposalUse } from './proposal-uses';
import { connList, rangeInValue } from './value-range';
import { parseProposalCached } from '../../model/proposal-cache';
import { connFinding } from '../conn-finding';
import { unreadOnShunt } from '../conn-role';

/** Left to `fips-disallowed-algorithm`, which says which approved algorithm to use. */
const FIPS_CODES = new Set(['fips-disallowed']);

function consequence(use: ProposalUse, version: string): { tail: string; loads: boolean } {
  if (use.conns.length === 0) return { tail: `no conn loads this value, but Libreswan ${version} would refuse any conn that did`, loads: false };
  if (use.ignored) return { tail: `${connList(use.conns)} ignore${use.conns.length === 1 ? 's' : ''} it (${use.ignored})`, loads: false };
  return { tail: `Libreswan ${version} refuses to add ${connList(use.readers)}`, loads: true };
}

function finding(use: ProposalUse, d: ProposalDiagnostic, version: string): Finding {
  const { tail, loads } = consequence(use, version);
  const rejected = loads && d.severity === 'error';
  const key = use.assignment.line.key.text;
  const context = use.protocol === 'ike' ? `IKEv${use.ikeVersion}` : `${use.protocol.toUpperCase()}${use.pfs ? '' : ', pfs=no'}`;
  return {
    file: use.assignment.file.path,
    range: rangeInValue(use.assignment, d.start, d.end),
    message: `${key}= (${context}): ${d.severity === 'error' ? d.message.replace(/\.$/, '') : d.message}${d.severity === 'error' ? `; ${tail}` : ''}`,
    rejectedByLibreswan: rejected,
    severity: rejected ? undefined : 'warning',
  };
}

/**
 * Parses every `ike=`, `esp=`, `ah=` and `phase2alg=` the way the target release does for
 * each conn that loads it (IKE version, PFS, phase2=), and every such line no conn loads.
 */
export const invalidProposal: ConfRule = {
  meta: {
    id: 'invalid-proposal',
    description: 'An algorithm proposal (ike=, esp=, ah=, phase2alg=) that Libreswan cannot parse for the conn, underlined at the algorithm at fault.',
    defaultSeverity: 'error',
    scope: 'conf',
  },
  check({ config, version, fips }, report) {
    const { uses, conns } = proposalUses(config, version);
    const connsByName = new Map(config.conns.map((c) => [c.name, c]));
    const seen = new Set<string>();
    const emit = (f: Finding): void => {
      const key = JSON.stringify([f.file, f.range, f.message]);
      if (seen.has(key)) return;
      seen.add(key);
      report(f);
    };
    for (const use of uses) {
      const options = { protocol: use.protocol, ikeVersion: use.ikeVersion, pfs: use.pfs, version };
      const normal = parseProposalCached(use.assignment.value, { ...options, fips: false });
      let diagnostics = normal.diagnostics;
      // FIPS mode changes the defaults filled in; a value that only fails there fails there.
      if (normal.ok && fips) diagnostics = parseProposalCached(use.assignment.value, { ...options, fips: true }).diagnostics;
      for (const d of diagnostics) {
        if (FIPS_CODES.has(d.code)) continue;
        const found = finding(use, d, version);
        const section = use.assignment.placed.section;
        const own = section.kind === 'conn' && use.conns.includes(section.name) ? section.name : undefined;
        // The conn whose section holds the line may skip it (a shunt) while conns inheriting it read it.
        const ownSkips = own !== undefined && found.rejectedByLibreswan && !use.readers.includes(own);
        emit(own === undefined ? found : ownSkips ? { ...found, conn: own, rejectedByLibreswan: false, severity: 'warning' } : { ...found, conn: own });
        if (!found.rejectedByLibreswan) continue;
        // Each conn that inherits and reads the value hears of it at its own header.
        for (const name of new Set(use.readers)) {
          const conn = connsByName.get(name);
          if (!conn || conn.placed === use.assignment.placed) continue;
          emit(connFinding(conn, use.assignment, { message: `conn '${name}': ${found.message.replace(/; Libreswan \S+ refuses to add .*$/, '')}; Libreswan ${version} refuses to add it`, rejectedByLibreswan: true }));
        }
      }
    }
    for (const cc of conns) {
      // 5.4 skips phase2=, esp= and ah= of a never-negotiate conn unread.
      if (unreadOnShunt(version, cc.conn, 'phase2')) continue;
      for (const clash of cc.clashes) {
        const a = clash.clash.source;
        emit({
          file: a.file.path,
          range: a.line.value?.range ?? a.line.range,
          message: `${clash.message}: Libreswan ${version} refuses to add conn '${cc.conn.name}'; keep one of them (phase2= picks esp= or ah=)`,
          rejectedByLibreswan: true,
          related: [{ file: clash.kept.source.file.path, range: clash.kept.source.line.range, message: 'the other proposal keyword' }],
        });
      }
    }
  },
};
