import { defaultProposalList, fipsReplacements, parseProposalList, type AlgorithmInfo, type AlgorithmToken } from '../../../grammar/proposal/index';
import type { ProposalProtocol } from '../../../schemas/algorithms';
import type { LibreswanVersion } from '../../../schemas/keywords';
import { labelList, offeredAlgorithms } from '../../model/proposal-algorithms';
import type { ConnCrypto } from '../../model/crypto-context';
import type { Assignment, ResolvedConfig, ResolvedConn } from '../../model/connections';
import { connFinding } from '../conn-finding';
import { isBuildingBlock } from '../conn-role';
import type { ConfRule, Finding, Fix } from '../rule';
import { proposalUses, type ProposalUse } from './proposal-uses';
import { connList, rangeInValue } from './value-range';
import { parseProposalCached } from '../../model/proposal-cache';

/** How a replacement is spelled in place of a token, keeping its key length when it fits. */
function spelling(replacement: AlgorithmInfo, token: AlgorithmToken): string {
  const name = [...replacement.names].sort((a, b) => a.length - b.length)[0] ?? replacement.name.toLowerCase();
  const length = token.keyLength ?? 0;
  if (length > 0 && replacement.keyLengthAllowed && replacement.keyLengths?.includes(length)) return /\d$/.test(name) ? `${name}_${length}` : `${name}${length}`;
  return name;
}

/** Approved algorithms the release itself proposes by default come first: they are the safe picks. */
function rankByDefaults(replacements: readonly AlgorithmInfo[], use: ProposalUse, version: LibreswanVersion): AlgorithmInfo[] {
  const defaults = offeredAlgorithms(defaultProposalList({ protocol: use.protocol, ikeVersion: use.ikeVersion, pfs: true, fips: true, version }).expansion).map((o) => o.algorithm);
  const rank = (a: AlgorithmInfo): number => {
    const i = defaults.indexOf(a);
    return i < 0 ? defaults.length : i;
  };
  return [...replacements].sort((a, b) => rank(a) - rank(b));
}

function fixesFor(a: Assignment, token: AlgorithmToken, replacements: readonly AlgorithmInfo[]): Fix[] {
  return replacements.slice(0, 3).map((r, i) => {
    const text = spelling(r, token);
    return { title: `Replace '${token.text}' with '${text}'`, edits: [{ file: a.file.path, range: rangeInValue(a, token.start, token.end), newText: text }], preferred: i === 0 && replacements.length === 1 };
  });
}

/**
 * The conns pluto in FIPS mode refuses for this value: every conn that reads it, except
 * building blocks (an `ipsec add` of one is the user's mistake, not the file's).
 */
function refusingConns(use: ProposalUse, config: ResolvedConfig): ResolvedConn[] {
  if (use.ignored) return [];
  const names = new Set(use.conns);
  return config.conns.filter((c) => names.has(c.name) && !isBuildingBlock(config, c));
}

function explicitFindings(use: ProposalUse, config: ResolvedConfig, version: LibreswanVersion, report: (f: Finding) => void): void {
  const { assignment: a } = use;
  const context = { protocol: use.protocol, ikeVersion: use.ikeVersion, version } as const;
  const parsed = parseProposalCached(a.value, { ...context, pfs: use.pfs, fips: false });
  const refusing = refusingConns(use, config);
  const loads = refusing.length > 0;
  // The line itself is an error only where a refused conn writes it; elsewhere (a template,
  // conn %default) each refused conn is told at its own header, below.
  const own = refusing.find((c) => c.placed === a.placed);
  for (const token of parsed.proposals.flatMap((p) => p.tokens)) {
    const algorithm = token.algorithm;
    if (!algorithm || algorithm.fips) continue;
    const replacements = rankByDefaults(fipsReplacements(algorithm, context), use, version);
    const offer = replacements.length > 0 ? `FIPS-approved ${algorithm.type === 'ke' ? 'groups' : 'algorithms'} of that kind: ${labelList(replacements.map((r) => r.name))}` : 'FIPS mode offers nothing of that kind; remove it';
    const who = use.conns.length === 0 ? 'no conn loads this value yet'
      : loads ? `Libreswan ${version} in FIPS mode refuses to add ${connList(refusing.map((c) => c.name))}`
        : use.ignored ? `${connList(use.conns)} ignore it (${use.ignored})` : `only building blocks read it (${connList(use.conns)})`;
    const what = `${algorithm.name} ('${token.text}') is not allowed in FIPS mode`;
    report({
      file: a.file.path,
      range: rangeInValue(a, token.start, token.end),
      message: `${a.line.key.text}=: ${what}; ${who}. ${offer}`,
      rejectedByLibreswan: own !== undefined,
      severity: own !== undefined ? undefined : 'warning',
      fixes: fixesFor(a, token, replacements),
      ...(own !== undefined ? { conn: own.name } : {}),
    });
    // Each refused conn that inherits the value (also=, %default) hears of it at its own header.
    for (const conn of refusing) {
      if (conn === own) continue;
      report(connFinding(conn, a, { message: `conn '${conn.name}': ${a.line.key.text}= (inherited): ${what}; Libreswan ${version} in FIPS mode refuses to add it. ${offer}`, rejectedByLibreswan: true }));
    }
  }
  if (!parsed.ok) return;
  // Transforms the value leaves out are filled from defaults that FIPS mode does not re-check.
  const fipsParse = parseProposalCached(a.value, { ...context, pfs: use.pfs, fips: true });
  const written = new Set(parsed.proposals.flatMap((p) => p.tokens).map((t) => t.algorithm).filter((x) => x !== undefined));
  const implied = offeredAlgorithms(fipsParse.expansion).filter((o) => !o.algorithm.fips && !written.has(o.algorithm));
  if (implied.length === 0 || use.conns.length === 0) return;
  report({
    file: a.file.path,
    range: a.line.value?.range ?? a.line.range,
    message: `${a.line.key.text}= leaves transforms out, and the defaults Libreswan ${version} fills in still offer ${labelList(implied.map((o) => o.label))}, which FIPS mode does not approve; name the ${implied.some((o) => o.algorithm.type === 'ke') ? 'DH groups' : 'algorithms'} explicitly (${connList(use.conns)})`,
    rejectedByLibreswan: false,
    severity: 'warning',
  });
}

/** A conn with no ike=/esp= gets the release's default, which differs in FIPS mode. */
function defaultFindings(cc: ConnCrypto, version: LibreswanVersion, report: (f: Finding) => void): void {
  if (cc.neverNegotiate) return;
  const header = cc.conn.placed.section.kind === 'conn' ? cc.conn.placed.section.header : undefined;
  if (!header) return;
  const present = new Set(cc.proposals.map((p) => p.protocol));
  const check = (protocol: ProposalProtocol): void => {
    if (present.has(protocol)) return;
    const options = { protocol, ikeVersion: cc.ikeVersion, pfs: cc.pfs, version };
    const normal = offeredAlgorithms(defaultProposalList({ ...options, fips: false }).expansion);
    const fipsList = offeredAlgorithms(defaultProposalList({ ...options, fips: true }).expansion);
    const dropped = normal.filter((n) => !fipsList.some((f) => f.label === n.label)).map((n) => n.label);
    const unapproved = fipsList.filter((f) => !f.algorithm.fips).map((f) => f.label);
    const key = protocol === 'ike' ? 'ike' : protocol;
    if (unapproved.length > 0) {
      report({
        file: cc.conn.placed.file.path,
        range: header.name.range,
        message: `conn '${cc.conn.name}' sets no ${key}=, and Libreswan ${version}'s FIPS-mode default still offers ${labelList(unapproved)}, which FIPS mode does not approve; set ${key}= with approved algorithms only`,
        rejectedByLibreswan: false,
        // Every conn without ike= has this (a Libreswan quirk, not the user's choice): keep it quiet.
        severity: 'info',
      });
    } else if (dropped.length > 0) {
      report({
        file: cc.conn.placed.file.path,
        range: header.name.range,
        message: `conn '${cc.conn.name}' sets no ${key}=; in FIPS mode Libreswan ${version} proposes a different default without ${labelList(dropped)}, so a peer that insists on ${dropped.length === 1 ? 'it' : 'them'} no longer matches`,
        rejectedByLibreswan: false,
        severity: 'info',
      });
    }
  };
  if (cc.conn.settings.get('authby')?.value.trim().toLowerCase() !== 'never') check('ike');
  check(cc.childProtocol);
}

/** With --fips: every algorithm FIPS mode refuses, written or implied by a default. */
export const fipsDisallowedAlgorithm: ConfRule = {
  meta: {
    id: 'fips-disallowed-algorithm',
    description: 'In FIPS mode: an algorithm FIPS mode disables, written in a proposal or implied by a default, with the approved replacements.',
    defaultSeverity: 'error',
    scope: 'conf',
    fixable: true,
  },
  check({ config, version, fips }, report) {
    if (!fips) return;
    const { uses, conns } = proposalUses(config, version);
    const seen = new Set<string>();
    const emit = (f: Finding): void => {
      const key = JSON.stringify([f.file, f.range, f.message]);
      if (!seen.has(key)) {
        seen.add(key);
        report(f);
      }
    };
    for (const use of uses) explicitFindings(use, config, version, emit);
    for (const cc of conns) defaultFindings(cc, version, emit);
  },
};
