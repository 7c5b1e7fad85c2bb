import type { ConnSection, SetupSection } from '../../grammar/conf/syntax-tree';
import type { ProposalOptions, ProposalProtocol } from '../../grammar/proposal';
import type { ResolvedConn } from '../model/connections';
import { connCrypto, ikeVersionOf, pfsOf } from '../model/crypto-context';
import type { LintSettings } from '../settings/lint-settings';
import type { ConfAnalysis } from './workspace';

/** The proposal keywords and the protocol each lists on its own; `phase2alg=` follows the conn's Child SA. */
const proposalProtocolOfKeyword: Readonly<Record<string, ProposalProtocol | 'child'>> = { ike: 'ike', esp: 'esp', ah: 'ah', phase2alg: 'child' };

/** The first conn built from this section (itself, or through also=), for its effective settings. */
export function connUsingSection(analysis: ConfAnalysis | undefined, section: SetupSection | ConnSection | undefined): ResolvedConn | undefined {
  if (!analysis || section?.kind !== 'conn') return undefined;
  const conns = analysis.result.config.conns;
  return conns.find((c) => c.placed.section === section) ?? conns.find((c) => c.alsoSections.some((s) => s.section === section));
}

/** Parser options for a proposal keyword as a conn reads it: IKE version, PFS and Child SA protocol from its effective settings. */
export function proposalOptionsFor(storageKey: string, conn: ResolvedConn | undefined, settings: LintSettings): ProposalOptions | undefined {
  const declared = proposalProtocolOfKeyword[storageKey];
  if (!declared) return undefined;
  const version = settings.libreswanVersion;
  const protocol = declared === 'child' ? (conn ? connCrypto(conn, version).childProtocol : 'esp') : declared;
  const effective = conn?.settings ?? new Map();
  return { protocol, ikeVersion: ikeVersionOf(effective), pfs: pfsOf(effective), fips: settings.fips, version };
}
