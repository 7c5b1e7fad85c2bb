/**
 * Filling in what a proposal leaves out. IKEv2 merges the defaults into the
 * proposal as extra transforms of the same type; IKEv1 cannot offer several
 * algorithms per transform, so it multiplies the proposal out instead.
 */
import { ALGORITHMS, algorithmByCanonicalName, defaultsFor, isBuiltIn, type AlgorithmInfo } from '../../schemas/algorithms';
import { allEncryptAead, allEncryptNormal } from './checks';
import { acceptable, error } from './lookup';
import type { ProposalState, RawTransform } from './state';
import type { ProposalDiagnostic, ProposalOptions, TransformSlot } from './types';

function defaultAlgorithms(options: ProposalOptions, slot: 'prf' | 'integ' | 'ke'): AlgorithmInfo[] | undefined {
  const names = defaultsFor(options.protocol, options.ikeVersion, options.version).transforms[slot];
  if (names === undefined) return undefined;
  return names.map((name) => {
    const algorithm = algorithmByCanonicalName(slot, name);
    if (algorithm === undefined) throw new Error(`algorithms.json: default ${slot} ${name} is not an algorithm`);
    return algorithm;
  });
}

const NONE_INTEG = (): AlgorithmInfo => {
  const none = algorithmByCanonicalName('integ', 'NONE');
  if (none === undefined) throw new Error('algorithms.json lacks integ NONE');
  return none;
};

/** The integrity algorithm built from a PRF (HMAC_SHA1 gives HMAC_SHA1_96). */
function integFromPrf(prf: AlgorithmInfo, options: ProposalOptions): AlgorithmInfo | undefined {
  return ALGORITHMS.find((a) => a.type === 'integ' && a.prf === prf.name && isBuiltIn(a, options.version));
}

/**
 * IKEv2: add defaults for each missing transform type. Defaults are not
 * re-checked (a Libreswan quirk: in FIPS mode the default IKE groups still
 * list DH31).
 */
export function mergeIkev2Defaults(state: ProposalState): ProposalDiagnostic | undefined {
  const { options } = state;
  const has = (slot: TransformSlot): boolean => state.transforms.some((t) => t.slot === slot);
  const addAll = (slot: 'prf' | 'integ' | 'ke'): void => {
    if (has(slot)) return;
    for (const algorithm of defaultAlgorithms(options, slot) ?? []) state.append(slot, algorithm, 0);
  };
  addAll('prf');
  if (!has('integ')) {
    if (allEncryptAead(state.transforms)) {
      state.append('integ', NONE_INTEG(), 0);
    } else if (defaultAlgorithms(options, 'integ') !== undefined) {
      addAll('integ');
    } else if (has('prf') && allEncryptNormal(state.transforms)) {
      for (const prf of state.of('prf')) {
        const integ = integFromPrf(prf.algorithm, options);
        if (integ === undefined) {
          return error('missing-transform', `No integrity algorithm can be derived from ${prf.algorithm.name}; name one explicitly.`, state.span);
        }
        if (!state.transforms.some((t) => t.algorithm === integ)) state.append('integ', integ, 0);
      }
    }
  }
  addAll('ke');
  return undefined;
}

/** An IKEv1 proposal: at most one algorithm per transform type. */
export interface SingleProposal {
  readonly encrypt?: RawTransform;
  readonly prf?: RawTransform;
  readonly integ?: RawTransform;
  readonly ke?: RawTransform;
}

export type EmitProposal = (transforms: RawTransform[]) => ProposalDiagnostic | undefined;

const fill = (slot: 'prf' | 'integ' | 'ke', algorithm: AlgorithmInfo): RawTransform => ({ slot, algorithm, keyLength: 0 });

/**
 * IKEv1: expand every missing transform into one proposal per default, in
 * Libreswan's order (KE outermost, then PRF, then integrity), so the order of
 * the resulting proposals matches what it sends.
 */
export function expandIkev1(proposal: SingleProposal, options: ProposalOptions, emit: EmitProposal, span: { start: number; end: number }): ProposalDiagnostic | undefined {
  const expandWith = (slot: 'prf' | 'integ' | 'ke', list: AlgorithmInfo[]): ProposalDiagnostic | undefined => {
    for (const algorithm of list) {
      // Defaults the configuration cannot use are skipped silently, as Libreswan does.
      if (!acceptable(algorithm, options)) continue;
      const failed = expandIkev1({ ...proposal, [slot]: fill(slot, algorithm) }, options, emit, span);
      if (failed) return failed;
    }
    return undefined;
  };
  const keDefaults = defaultAlgorithms(options, 'ke');
  const prfDefaults = defaultAlgorithms(options, 'prf');
  const integDefaults = defaultAlgorithms(options, 'integ');
  const aead = proposal.encrypt?.algorithm.aead === true;
  if (proposal.ke === undefined && keDefaults) return expandWith('ke', keDefaults);
  if (proposal.prf === undefined && prfDefaults) return expandWith('prf', prfDefaults);
  if (proposal.integ === undefined && proposal.encrypt && aead) {
    return expandIkev1({ ...proposal, integ: fill('integ', NONE_INTEG()) }, options, emit, span);
  }
  if (proposal.integ === undefined && integDefaults) return expandWith('integ', integDefaults);
  if (proposal.integ === undefined && proposal.prf && proposal.encrypt && !aead) {
    const integ = integFromPrf(proposal.prf.algorithm, options);
    if (integ === undefined) {
      return error('missing-transform', `No integrity algorithm can be derived from ${proposal.prf.algorithm.name}; name one explicitly.`, span);
    }
    return expandIkev1({ ...proposal, integ: fill('integ', integ) }, options, emit, span);
  }
  const transforms = [proposal.encrypt, proposal.prf, proposal.integ, proposal.ke].filter((t): t is RawTransform => t !== undefined);
  return emit(transforms);
}
