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
  /** The conns of `conns` that read the value (not a shunt, not authby=never, not set aside by phase2=). */
  readonly readers: string[];
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

export interface ProposalUses {
  readonly uses: readonly ProposalUse[];
  readonly conns: readonly ConnCrypto[];
}

/**
 * Work done once per lint: several crypto rules ask for the same readings of the same
 * resolved config, and on 10,000 conns building them is a tenth of a second each time.
 */
const usesByConfig = new WeakMap<ResolvedConfig, Map<LibreswanVersion, ProposalUses>>();

/** Every reading of every `ike=`/`esp=`/`ah=`/`phase2alg=` line, grouped by line and context; shared, read-only. */
export function proposalUses(config: ResolvedConfig, version: LibreswanVersion): ProposalUses {
  let byVersion = usesByConfig.get(config);
  if (!byVersion) {
    byVersion = new Map();
    usesByConfig.set(config, byVersion);
  }
  let result = byVersion.get(version);
  if (!result) {
    result = computeProposalUses(config, version);
    byVersion.set(version, result);
  }
  return result;
}

function computeProposalUses(config: ResolvedConfig, version: LibreswanVersion): ProposalUses {
  const byKey = new Map<string, ProposalUse>();
  const conns = config.conns.map((conn) => connCrypto(conn, version));
  const fileIndex = new Map(config.loaded.files.map((f, i) => [f, i]));
  for (const cc of conns) {
    for (const p of cc.proposals) {
      const key = `${fileIndex.get(p.setting.source.file)}|${p.setting.source.line.line}|${p.protocol}|${cc.ikeVersion}|${cc.pfs}`;
      let use = byKey.get(key);
      if (!use) {
        use = { assignment: p.setting.source, protocol: p.protocol, ikeVersion: cc.ikeVersion, pfs: cc.pfs, conns: [], readers: [], ignored: p.ignored };
        byKey.set(key, use);
      }
      use.conns.push(cc.conn.name);
      if (!p.ignored) use.readers.push(cc.conn.name);
      // One conn that really loads the value is enough to make its errors real.
      if (!p.ignored) use.ignored = undefined;
    }
  }
  const covered = new Set([...byKey.values()].map((u) => u.assignment));
  for (const [placed, assignments] of config.assignments) {
    // Most sections' proposals are covered by the conns above: only build settings for the rest.
    if (placed.section.kind !== 'conn' || !assignments.some((a) => !covered.has(a) && a.meaning.kind === 'known' && PROPOSAL_KEYS.has(a.meaning.storageKey))) continue;
    const settings = sectionSettings(assignments);
    for (const a of assignments) {
      if (covered.has(a) || a.meaning.kind !== 'known' || !PROPOSAL_KEYS.has(a.meaning.storageKey)) continue;
      if (placed.section.kind !== 'conn') continue;
      byKey.set(`unused:${byKey.size}`, {
        assignment: a, protocol: protocolOf(a.meaning.storageKey, settings), ikeVersion: ikeVersionOf(settings), pfs: pfsOf(settings), conns: [], readers: [],
      });
    }
  }
  return { uses: [...byKey.values()], conns };
}

export function isDefaultSection(placed: PlacedSection): boolean {
  return placed.section.kind === 'conn' && placed.section.name === '%default';
}
