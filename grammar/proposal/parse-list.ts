/**
 * `parseProposalList`: splits a value on ',', parses each proposal with the
 * parser generation of the chosen release, fills in defaults, applies the
 * whole-proposal and whole-list checks, and prints the expansion.
 */
import { defaultsFor } from '../../schemas/algorithms';
import { dropKeWithoutPfs, keListCheck, protocolCheck, removeDuplicates, sameProposal, sortBySlot } from './checks';
import { expandIkev1, type SingleProposal } from './defaults';
import { mergeIkev2Defaults } from './defaults';
import { formatLegacy, formatModern } from './format';
import { error, warning } from './lookup';
import { parseLegacyIkev1Proposal, parseLegacyIkev2Proposal } from './parse-legacy';
import { parseModernProposal } from './parse-modern';
import { ProposalState, type ProtocolShape, type RawTransform } from './state';
import { splitProposals } from './terms';
import type { AlgorithmToken, ParsedProposal, ProposalDiagnostic, ProposalOptions, ProposalParseResult, TransformSlot } from './types';

/** 5.4 rewrote the proposal parser (typed groups, new PRF/INTEG order). */
export function usesModernParser(options: ProposalOptions): boolean {
  return options.version === '5.4' || options.version === 'latest';
}

function shapeFor(options: ProposalOptions): ProtocolShape {
  switch (options.protocol) {
    case 'ike':
      // Since 5.4 IKEv1 IKE has no integrity slot at all; before, it had one
      // that the IKEv1 parser simply never filled.
      return { name: 'IKE', encrypt: true, prf: true, integ: options.ikeVersion === 2 || !usesModernParser(options), ke: true };
    case 'esp':
      return { name: 'ESP', encrypt: true, prf: false, integ: true, ke: true };
    case 'ah':
      return { name: 'AH', encrypt: false, prf: false, integ: true, ke: true };
  }
}

interface ListState {
  readonly options: ProposalOptions;
  readonly accepted: RawTransform[][];
  readonly diagnostics: ProposalDiagnostic[];
}

/** Final per-proposal clean-up, then keep it unless it repeats an earlier one. */
function accept(list: ListState, state: ProposalState, transforms: RawTransform[]): ProposalDiagnostic | undefined {
  const problem = protocolCheck(transforms, state.shape, state.span);
  if (problem) return problem;
  const cleaned = [...transforms];
  if (usesModernParser(list.options)) {
    removeDuplicates(cleaned, undefined, state.warnings, state.span);
    if (list.options.protocol !== 'ike' && !list.options.pfs) dropKeWithoutPfs(cleaned, state.warnings, state.span);
  }
  sortBySlot(cleaned);
  if (!list.accepted.some((earlier) => sameProposal(earlier, cleaned))) list.accepted.push(cleaned);
  return undefined;
}

function single(state: ProposalState): SingleProposal {
  const first = (slot: TransformSlot): RawTransform | undefined => state.transforms.find((t) => t.slot === slot);
  return { encrypt: first('encrypt'), prf: first('prf'), integ: first('integ'), ke: first('ke') };
}

function parseOneProposal(list: ListState, state: ProposalState, text: string, offset: number): void {
  const { options } = list;
  const modern = usesModernParser(options);
  if (options.ikeVersion === 1) {
    if (modern) {
      const plus = text.indexOf('+');
      if (plus >= 0) {
        state.fail(error('plus-in-ikev1', `IKEv1 cannot offer alternatives with '+'; split them into separate proposals with ',' (e.g. aes-sha2,aes-sha1).`, { start: offset + plus, end: offset + plus + 1 }));
        return;
      }
      if (!parseModernProposal(state, text, offset)) return;
      const repeated = state.transforms.find((t, i) => state.transforms.findIndex((u) => u.slot === t.slot) !== i);
      if (repeated) {
        state.fail(error('ikev1-repeated-type', `IKEv1 takes one algorithm per transform type, but ${repeated.slot} is given twice; split the alternatives into separate proposals.`, repeated.token ?? state.span));
        return;
      }
    } else if (!parseLegacyIkev1Proposal(state, text, offset)) {
      return;
    }
    const failed = expandIkev1(single(state), options, (transforms) => accept(list, state, transforms), state.span);
    if (failed) state.fail(failed);
    return;
  }
  const parsed = modern ? parseModernProposal(state, text, offset) : parseLegacyIkev2Proposal(state, text, offset);
  if (!parsed) return;
  const mergeProblem = mergeIkev2Defaults(state);
  if (mergeProblem) {
    state.fail(mergeProblem);
    return;
  }
  const failed = accept(list, state, state.transforms);
  if (failed) state.fail(failed);
}

/** Up to 5.3 the PFS rules ran once over the whole list. */
function legacyKeRules(list: ListState, span: { start: number; end: number }): ProposalDiagnostic | undefined {
  const anyKe = list.accepted.some((p) => p.some((t) => t.slot === 'ke'));
  if (!anyKe) return undefined;
  if (!list.options.pfs) {
    for (const proposal of list.accepted) dropKeWithoutPfs(proposal, list.diagnostics, span);
    return undefined;
  }
  return keListCheck(list.accepted, list.options, span);
}

export function parseProposalList(value: string, options: ProposalOptions): ProposalParseResult {
  const whole = { start: 0, end: value.length };
  const label = options.protocol.toUpperCase();
  if (value === '') {
    const empty = error('empty', `The ${label} proposal list is empty; list algorithms (e.g. ${options.protocol === 'ah' ? 'sha2_256' : 'aes_gcm256'}) or remove the keyword to get the defaults.`, whole);
    return { ok: false, proposals: [], expansion: [], diagnostics: [empty] };
  }
  const list: ListState = { options, accepted: [], diagnostics: [] };
  const proposals: ParsedProposal[] = [];
  let failed = false;
  for (const part of splitProposals(value)) {
    const state = new ProposalState(options, shapeFor(options), part);
    let text = part.text;
    let offset = part.start;
    if (text.startsWith('!')) {
      // Test-only marker in Libreswan that disables its checks; this parser keeps checking.
      state.warnings.push(warning('impaired', `A leading '!' marks a deliberately broken proposal for Libreswan's test suite; remove it.`, { start: offset, end: offset + 1 }));
      text = text.slice(1);
      offset += 1;
    }
    parseOneProposal(list, state, text, offset);
    const tokens: AlgorithmToken[] = state.transforms.flatMap((t) => (t.token ? [t.token] : [])).sort((a, b) => a.start - b.start);
    proposals.push({ text: part.text, start: part.start, end: part.end, tokens });
    list.diagnostics.push(...state.warnings);
    if (state.error) {
      list.diagnostics.push(state.error);
      failed = true;
    }
  }
  if (!failed && options.protocol !== 'ike') {
    const problem = usesModernParser(options) ? keListCheck(list.accepted, options, whole) : legacyKeRules(list, whole);
    if (problem) {
      list.diagnostics.push(problem);
      failed = true;
    }
  }
  const format = usesModernParser(options) ? formatModern : formatLegacy;
  return {
    ok: !failed,
    proposals,
    expansion: failed ? [] : list.accepted.map(format),
    diagnostics: list.diagnostics,
  };
}

/** What Libreswan proposes when the keyword is not set at all. */
export function defaultProposalList(options: ProposalOptions): ProposalParseResult {
  const defaults = defaultsFor(options.protocol, options.ikeVersion, options.version);
  return parseProposalList(options.fips ? defaults.proposals.fips : defaults.proposals.normal, options);
}
