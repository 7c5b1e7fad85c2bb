import type { IkeVersion, ProposalProtocol } from '../../../schemas/algorithms';
import type { LibreswanVersion } from '../../../schemas/keywords';
import type { Assignment, ResolvedConfig, Setting } from '../../model/connections';
import { connCrypto, ikeVersionOf, pfsOf, type ConnCrypto } from '../../model/crypto-context';
import type { PlacedSection } from '../../model/include-graph';
import { PHASE2_VALUE_MEANING } from '../../../schemas/connection-crypto';

const PROPOSAL_KEYS = new Set(['ike', 'esp', 'ah', 'phase2alg']);

/**
 * One way a proposal line is read: the same `ike=` in `conn %default` may be parsed for an
 * IKEv1 conn and for an IKEv2 conn, and each reading has its own diagnostics.
 */
export interface ProposalUse {
  readonly assignment: Assignment;
  readonly protocol: ProposalProtocol;
  readonly ikeVersion: IkeVersion;
  readonly pfs: boolean;
  /** Conns that load this value; empty when no conn does. */
  readonly conns: string[];
  /** Set when every conn using it skips it (type=passthrough, authby=never, phase2=). */
  ignored?: string;
}

function sectionSettings(assignments: readonly Assignment[]): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  for (const a of assignments) {
    if (a.meaning.kind !== 'known') continue;
    settings.set(a.meaning.storageKey, { storageKey: a.meaning.storageKey, value: a.value, source: a, via: 'conn' });
  }
  return settings;
}

function protocolOf(storageKey: string, settings: ReadonlyMap<string, Setting>): ProposalProtocol {
  if (storageKey === 'ike') return 'ike';
  if (storageKey === 'ah') return 'ah';
  const phase2 = settings.get('phase2')?.value.trim().toLowerCase();
  return (phase2 === undefined ? undefined : PHASE2_VALUE_MEANING[phase2]) ?? 'esp';
}

/** Every reading of every `ike=`/`esp=`/`ah=`/`phase2alg=` line, grouped by line and context. */
export function proposalUses(config: ResolvedConfig, version: LibreswanVersion): { uses: ProposalUse[]; conns: ConnCrypto[] } {
  const byKey = new Map<string, ProposalUse>();
  const conns = config.conns.map((conn) => connCrypto(conn, version));
  for (const cc of conns) {
    for (const p of cc.proposals) {
      const key = JSON.stringify([config.loaded.files.indexOf(p.setting.source.file), p.setting.source.line.line, p.protocol, cc.ikeVersion, cc.pfs]);
      let use = byKey.get(key);
      if (!use) {
        use = { assignment: p.setting.source, protocol: p.protocol, ikeVersion: cc.ikeVersion, pfs: cc.pfs, conns: [], ignored: p.ignored };
        byKey.set(key, use);
      }
      use.conns.push(cc.conn.name);
      // One conn that really loads the value is enough to make its errors real.
      if (!p.ignored) use.ignored = undefined;
    }
  }
  const covered = new Set([...byKey.values()].map((u) => u.assignment));
  for (const [placed, assignments] of config.assignments) {
    const settings = sectionSettings(assignments);
    for (const a of assignments) {
      if (covered.has(a) || a.meaning.kind !== 'known' || !PROPOSAL_KEYS.has(a.meaning.storageKey)) continue;
      if (placed.section.kind !== 'conn') continue;
      byKey.set(`unused:${byKey.size}`, {
        assignment: a, protocol: protocolOf(a.meaning.storageKey, settings), ikeVersion: ikeVersionOf(settings), pfs: pfsOf(settings), conns: [],
      });
    }
  }
  return { uses: [...byKey.values()], conns };
}

export function isDefaultSection(placed: PlacedSection): boolean {
  return placed.section.kind === 'conn' && placed.section.name === '%default';
}
