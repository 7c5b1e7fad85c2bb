import { defaultProposalList, parseProposalList } from '../../../grammar/proposal/index';
import { FIPS_PSK_MIN_BYTES } from '../../../schemas/connection-crypto';
import type { ResolvedConn } from '../../model/connections';
import { connCrypto } from '../../model/crypto-context';
import { offeredAlgorithms } from '../../model/proposal-algorithms';
import { measureSecret } from '../../model/secret-strength';
import { findSecret, idKey, type LoadedSecrets, type PlacedSecret } from '../../model/secrets-index';
import type { ConfRule } from '../rule';
import { parseProposalCached } from '../../model/proposal-cache';

const PSK_AUTH = new Set(['secret', 'psk']);

function usesPsk(conn: ResolvedConn): boolean {
  const words = (key: string): string[] => (conn.settings.get(key)?.value ?? '').toLowerCase().split(/[\s,|]+/);
  return ['authby', 'leftauth', 'rightauth'].some((k) => words(k).some((w) => PSK_AUTH.has(w)));
}

/** The id an end is known by in ipsec.secrets: its id=, else its address. */
function endId(conn: ResolvedConn, side: 'left' | 'right'): string {
  return conn.settings.get(`${side}id`)?.value || conn.settings.get(side)?.value || '%any';
}

/** Which end is this host is only known on the host, so either reading may pick the PSK. */
function pskOf(secrets: LoadedSecrets, conn: ResolvedConn): PlacedSecret | undefined {
  const left = idKey(endId(conn, 'left'));
  const right = idKey(endId(conn, 'right'));
  return findSecret(secrets, 'psk', left, right) ?? findSecret(secrets, 'psk', right, left);
}

/**
 * In FIPS mode Libreswan refuses a PSK shorter than half the negotiated PRF's key size
 * (IKEv2: authentication fails; IKEv1: the proposal is rejected). Only the length of the
 * secret is ever looked at or reported.
 */
export const fipsPskTooShort: ConfRule = {
  meta: {
    id: 'fips-psk-too-short',
    description: "In FIPS mode: a conn's pre-shared key is shorter than the PRFs it may negotiate require (half the PRF's key size).",
    defaultSeverity: 'error',
    scope: 'conf',
  },
  check({ config, version, fips, secrets }, report) {
    if (!fips || !secrets) return;
    for (const conn of config.conns) {
      if (!usesPsk(conn)) continue;
      const psk = pskOf(secrets, conn);
      if (!psk || psk.record.kind !== 'psk') continue;
      const bytes = measureSecret(psk.file.secrets, psk.record.data)?.length;
      if (bytes === undefined) continue;
      const cc = connCrypto(conn, version);
      const ike = conn.settings.get('ike');
      const options = { protocol: 'ike' as const, ikeVersion: cc.ikeVersion, pfs: cc.pfs, fips: true, version };
      const parsed = ike ? parseProposalCached(ike.value, options) : defaultProposalList(options);
      const prfs = offeredAlgorithms(parsed.expansion).filter((o) => o.algorithm.type === 'prf');
      const needs = prfs.map((o) => ({ name: o.algorithm.name, min: FIPS_PSK_MIN_BYTES[o.algorithm.name] })).filter((n): n is { name: string; min: number } => n.min !== undefined);
      const failing = needs.filter((n) => bytes < n.min);
      if (failing.length === 0) continue;
      const all = failing.length === needs.length;
      const at = conn.settings.get('authby')?.source;
      const header = conn.placed.section.kind === 'conn' ? conn.placed.section.header : undefined;
      const longest = Math.max(...needs.map((n) => n.min));
      report({
        file: at?.file.path ?? conn.placed.file.path,
        range: at?.line.value?.range ?? header?.name.range ?? conn.placed.section.header.range,
        message: `conn '${conn.name}': its pre-shared key is ${bytes} bytes, and in FIPS mode Libreswan ${version} needs at least ${failing.map((f) => `${f.min} for ${f.name}`).join(', ')} (half the PRF's key size), so ${all ? 'authentication always fails' : `it fails whenever ${failing.length === 1 ? 'that PRF is' : 'those PRFs are'} negotiated`}; use a random PSK of at least ${longest} bytes`,
        rejectedByLibreswan: false,
        severity: all ? undefined : 'warning',
        related: [{ file: psk.file.path, range: psk.record.range, message: `the PSK record this conn uses (${bytes} bytes)` }],
      });
    }
  },
};
