import { editDistance } from '../edit-distance';
/**
 * Resolves one algorithm name for a transform slot, the way Libreswan's lookup
 * does, and explains failures in words that say what to write instead.
 */
import {
  ALGORITHMS, findAlgorithm, hasWireId, isBuiltIn, isKnownUnsupportedName, LIBRESWAN_VERSIONS,
  type AlgorithmInfo, type AlgorithmType,
} from '../../schemas/algorithms';
import type { ProposalDiagnostic, ProposalDiagnosticCode, ProposalOptions } from './types';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Lookup = { readonly algorithm: AlgorithmInfo; readonly error?: undefined } | { readonly error: ProposalDiagnostic; readonly algorithm?: undefined };

export const TYPE_LABEL: Record<AlgorithmType, string> = {
  encrypt: 'encryption algorithm',
  prf: 'PRF',
  integ: 'integrity algorithm',
  ke: 'key exchange (DH) group',
  sn: 'sequence number setting',
};

export function protocolLabel(options: ProposalOptions): string {
  return `IKEv${options.ikeVersion} ${options.protocol.toUpperCase()}`;
}

export function error(code: ProposalDiagnosticCode, message: string, span: Span): ProposalDiagnostic {
  return { code, message, start: span.start, end: span.end, severity: 'error' };
}

export function warning(code: ProposalDiagnosticCode, message: string, span: Span): ProposalDiagnostic {
  return { code, message, start: span.start, end: span.end, severity: 'warning' };
}

/** Whether Libreswan can use the algorithm for that protocol at all (IKE needs an in-process implementation). */
export function usableFor(algorithm: AlgorithmInfo, options: ProposalOptions): boolean {
  if (!hasWireId(algorithm, options.protocol, options.ikeVersion, options.version)) return false;
  if (options.protocol === 'ike' || algorithm.type === 'ke') return algorithm.ikeImplemented;
  return true;
}

/** Usable and allowed: what the parser accepts in this configuration. */
export function acceptable(algorithm: AlgorithmInfo, options: ProposalOptions): boolean {
  return isBuiltIn(algorithm, options.version) && (!options.fips || algorithm.fips) && usableFor(algorithm, options);
}

const suggestionCache = new Map<string, string>();

/**
 * Did-you-mean text for an unknown name. The parser looks names up speculatively (PRF or
 * integrity?), so the same misses recur across thousands of conns: remember the answers.
 */
function suggestions(type: AlgorithmType, name: string, options: ProposalOptions): string {
  const key = `${type}|${name.toLowerCase()}|${options.version}|${options.fips}|${options.protocol}|${options.ikeVersion}|${options.pfs}`;
  let text = suggestionCache.get(key);
  if (text === undefined) {
    text = computeSuggestions(type, name, options);
    suggestionCache.set(key, text);
  }
  return text;
}

function computeSuggestions(type: AlgorithmType, name: string, options: ProposalOptions): string {
  const wanted = name.toLowerCase();
  const close: string[] = [];
  for (const algorithm of ALGORITHMS) {
    if (algorithm.type !== type || !acceptable(algorithm, options)) continue;
    for (const candidate of algorithm.names) {
      if (editDistance(candidate, wanted) <= 2 && !close.includes(candidate)) close.push(candidate);
    }
  }
  return close.length === 0 ? '' : ` Did you mean ${close.slice(0, 3).map((c) => `'${c}'`).join(' or ')}?`;
}


function range(versions: readonly string[]): string {
  const present = LIBRESWAN_VERSIONS.filter((v) => versions.includes(v));
  const first = present[0];
  const last = present[present.length - 1];
  if (last === 'latest') return `${first} and later`;
  return first === last ? first : `${first} to ${last}`;
}

function whereElse(algorithm: AlgorithmInfo): string {
  if (algorithm.versions.length > 0) return ` (it is in Libreswan ${range(algorithm.versions)})`;
  if (algorithm.optionalIn.length > 0) return ` (only optional builds of Libreswan ${range(algorithm.optionalIn)} had it)`;
  return '';
}

const article = (label: string): string => (/^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`);

/** Looks a name up for a transform of the given type. */
export function lookupAlgorithm(type: AlgorithmType, name: string, span: Span, options: ProposalOptions): Lookup {
  const label = TYPE_LABEL[type];
  const algorithm = findAlgorithm(type, name);
  if (algorithm !== undefined && isBuiltIn(algorithm, options.version)) {
    if (options.fips && !algorithm.fips) {
      return { error: error('fips-disallowed', `${algorithm.name} is not FIPS-approved, so Libreswan in FIPS mode rejects '${name}'; choose a FIPS-approved ${label}.`, span) };
    }
    if (!usableFor(algorithm, options)) {
      return { error: error('not-valid-for-protocol', `${algorithm.name} cannot be used as ${label} in ${protocolLabel(options)} proposals; remove '${name}' or pick another ${label}.`, span) };
    }
    return { algorithm };
  }
  if (algorithm !== undefined) {
    if (algorithm.optionalIn.includes(options.version)) {
      return { error: error('not-supported', `${algorithm.name} is only available when Libreswan ${options.version} is built with it, and default builds leave it out; use another ${label}.`, span) };
    }
    return { error: error('not-in-version', `${algorithm.name} is not part of Libreswan ${options.version}${whereElse(algorithm)}; use another ${label}.`, span) };
  }
  if (/\s/.test(name)) {
    return { error: error('unknown-algorithm', `'${name}' contains blanks; Libreswan does not skip spaces inside proposals, so remove them.`, span) };
  }
  if (name.includes('=')) {
    return { error: error('not-in-version', `Typed transforms such as '${name}' need Libreswan 5.4 or later; ${options.version} does not accept them.`, span) };
  }
  if (isKnownUnsupportedName(type, name)) {
    return { error: error('not-supported', `Libreswan knows the ${label} '${name}' but does not implement it; use a supported one.`, span) };
  }
  // The parser looks names up speculatively (is it a PRF or an integrity algorithm?) and drops
  // most misses, so the did-you-mean search runs only when someone reads the message.
  let message: string | undefined;
  const describe = (): string => (message ??= `'${name}' is not ${article(label)} Libreswan recognises.${suggestions(type, name, options)}`);
  return { error: { code: 'unknown-algorithm', get message() { return describe(); }, start: span.start, end: span.end, severity: 'error' } };
}

/** Looks up an encryption algorithm and checks an explicit key length. */
export function lookupEncrypt(name: string, keyLength: number, span: Span, options: ProposalOptions): Lookup {
  const found = lookupAlgorithm('encrypt', name, span, options);
  if (found.algorithm === undefined || keyLength === 0) return found;
  const algorithm = found.algorithm;
  if (algorithm.keyLengthAllowed !== true) {
    return { error: error('bad-key-length', `${algorithm.name} has a fixed key size and takes no key length; write it without '${keyLength}'.`, span) };
  }
  const lengths = algorithm.keyLengths ?? [];
  if (!lengths.includes(keyLength)) {
    return { error: error('bad-key-length', `${algorithm.name} does not take a ${keyLength}-bit key; use one of ${lengths.join(', ')}.`, span) };
  }
  return found;
}
