/**
 * Public face of the proposal parser for rules, completion and quick fixes.
 */
import { ALGORITHMS, isBuiltIn, type AlgorithmInfo, type AlgorithmType, type IkeVersion, type ProposalProtocol } from '../../schemas/algorithms';
import type { LibreswanVersion } from '../../schemas/keywords';
import { usableFor } from './lookup';

export { parseProposalList, defaultProposalList, usesModernParser } from './parse-list';
export type {
  AlgorithmToken, ParsedProposal, ProposalDiagnostic, ProposalDiagnosticCode, ProposalOptions, ProposalParseResult,
  Transform, TransformSlot,
} from './types';
export type { AlgorithmInfo, AlgorithmType, IkeVersion, ProposalProtocol } from '../../schemas/algorithms';
export type { LibreswanVersion } from '../../schemas/keywords';

export interface AlgorithmContext {
  readonly protocol: ProposalProtocol;
  readonly ikeVersion: IkeVersion;
  readonly version: LibreswanVersion;
}

/**
 * FIPS-approved algorithms of the same transform type, usable in the given
 * context when one is passed; AEAD ciphers are offered for AEAD ciphers first.
 */
export function fipsReplacements(algorithm: AlgorithmInfo, context?: AlgorithmContext): AlgorithmInfo[] {
  const candidates = ALGORITHMS.filter((a) =>
    a.type === algorithm.type && a.fips && a !== algorithm && a.name !== 'NONE'
    && (context === undefined || (isBuiltIn(a, context.version) && usableFor(a, { ...context, pfs: true, fips: true }))));
  const sameKind = (a: AlgorithmInfo): number => ((a.aead === true) === (algorithm.aead === true) ? 0 : 1);
  return [...candidates].sort((a, b) => sameKind(a) - sameKind(b));
}

/**
 * Algorithms a completion list can offer for one transform type: only those
 * the release builds and the protocol accepts, FIPS-approved first. With
 * `fips: true` the others are left out.
 */
export function algorithmsFor(
  protocol: ProposalProtocol,
  transformType: AlgorithmType,
  version: LibreswanVersion,
  options: { readonly fips: boolean; readonly ikeVersion?: IkeVersion },
): AlgorithmInfo[] {
  const ikeVersion = options.ikeVersion ?? 2;
  const usable = ALGORITHMS.filter((a) =>
    a.type === transformType && isBuiltIn(a, version)
    && usableFor(a, { protocol, ikeVersion, version, pfs: true, fips: options.fips })
    && (!options.fips || a.fips));
  return [...usable.filter((a) => a.fips), ...usable.filter((a) => !a.fips)];
}
