import { defaultProposalList, parseProposalList, type ProposalParseResult } from '../../grammar/proposal/index';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { ResolvedConn, Setting } from '../model/connections';
import { parseProposalCached } from '../model/proposal-cache';

/*
 * Proposal intersection over the proposal parser's expansions: one line per proposal,
 * transform types separated by '-', alternatives by '+'. Two proposals agree when every
 * transform type shares an algorithm; a cipher without a key length stands for each of
 * its lengths, as Libreswan offers them.
 */

export interface Offer {
  readonly setting: Setting | undefined;
  readonly result: ProposalParseResult;
}

function sameAlgorithm(a: string, b: string): boolean {
  if (a === b) return true;
  const bare = (x: string, y: string): boolean => y.startsWith(x + '_') && /^\d+$/.test(y.slice(x.length + 1));
  return bare(a, b) || bare(b, a);
}

function partsAgree(a: string, b: string): boolean {
  const as = a.split('+');
  const bs = b.split('+');
  return as.some((x) => bs.some((y) => sameAlgorithm(x, y)));
}

/**
 * Whether two expanded proposals can be agreed on. For ESP/AH only cipher and integrity
 * count: the key exchange of a Child SA matters at rekey only, not when it is first made.
 */
function proposalsAgree(a: string, b: string, childSa: boolean): boolean {
  const pa = a.split('-');
  const pb = b.split('-');
  const n = childSa ? 2 : Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i] ?? (childSa ? 'NONE' : undefined);
    const y = pb[i] ?? (childSa ? 'NONE' : undefined);
    if (x === undefined || y === undefined) {
      // IKE lines of different shapes (an explicit integrity): compare cipher, PRF and KE only.
      return partsAgree(pa[0], pb[0]) && partsAgree(pa[1] ?? '', pb[1] ?? '') && partsAgree(pa[pa.length - 1], pb[pb.length - 1]);
    }
    if (!partsAgree(x, y)) return false;
  }
  return true;
}

export function offerOf(conn: ResolvedConn, protocol: 'ike' | 'esp' | 'ah', ikeVersion: 1 | 2, version: LibreswanVersion, fips = false): Offer {
  // 5.2 stores phase2alg= under `esp`: with phase2=ah that is the AH proposal.
  const setting = protocol === 'ike' ? conn.settings.get('ike') : conn.settings.get(protocol) ?? conn.settings.get('phase2alg') ?? (protocol === 'ah' ? conn.settings.get('esp') : undefined);
  const pfs = (conn.settings.get('pfs')?.value.trim().toLowerCase() ?? 'yes') !== 'no';
  const options = { protocol, ikeVersion, pfs, fips, version } as const;
  const result = setting && setting.value.trim() !== '' ? parseProposalCached(setting.value.trim(), options) : defaultProposalList(options);
  return { setting, result };
}

/** True when some proposal of one side agrees with some proposal of the other; undefined when either side does not parse. */
export function offersIntersect(a: Offer, b: Offer, childSa: boolean): boolean | undefined {
  if (!a.result.ok || !b.result.ok || a.result.expansion.length === 0 || b.result.expansion.length === 0) return undefined;
  return a.result.expansion.some((x) => b.result.expansion.some((y) => proposalsAgree(x, y, childSa)));
}
