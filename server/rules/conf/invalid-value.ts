import type { KeywordVersionInfo } from '../../../schemas/keywords';
import type { AddressSyntax } from '../../../schemas/address-syntax';
import { checkAddress, checkAddressPool, checkCidr, checkSubnet, looksLikeHostname, parseAddress } from '../../model/address-syntax';
import type { Assignment, ResolvedConn } from '../../model/connections';
import { isBuildingBlock, readWhenAdded, refusedWhenAdded, unreadOnShunt } from '../conn-role';
import { connAddFacts } from '../../../schemas/conn-facts';
import { connFinding } from '../conn-finding';
import { checkTypedValue, valueSyntaxPattern } from '../../model/typed-value';
import type { ConfRule, Finding } from '../rule';
import { migrationAdvice, valueMigrationOf } from './migration-edit';

const addressTypes = new Set(['subnet', 'subnet-list', 'range-list', 'cidr', 'ip', 'ip-list', 'host', 'hex']);

/** Why a value is wrong for its keyword in this version, or undefined. */
export function problemWith(value: string, info: KeywordVersionInfo, syntax: AddressSyntax, storageKey: string): string | undefined {
  if (value === '' && syntax.emptyAddressIsUnset && addressTypes.has(info.type)) return undefined;
  if (info.type === 'ip' && syntax.addressListKeys.includes(storageKey) && value.includes(',')) {
    for (const item of value.split(',')) {
      const p = problemWith(item.trim(), info, syntax, '');
      if (p) return p;
    }
    return undefined;
  }
  switch (info.type) {
    case 'subnet':
      return checkSubnet(value, syntax);
    case 'subnet-list':
      for (const item of value.split(/[\s,]+/).filter((i) => i !== '')) {
        // virtual-private= items read %v4:CIDR, %v6:CIDR, and ! for an exclusion.
        const p = checkCidr(item.replace(/^%v[46]:/i, '').replace(/^!/, ''), !syntax.subnetNeedsPrefix);
        if (p) return p;
      }
      return value.trim() === '' ? 'empty value' : undefined;
    case 'range-list':
      return checkAddressPool(value, syntax);
    case 'cidr':
      return value === '' ? 'empty value' : checkCidr(value, !syntax.cidrNeedsPrefix);
    case 'ip':
      // %defaultroute, %direct and the like are resolved when the conn loads.
      if (value.startsWith('%')) return undefined;
      // A name is looked up in DNS when the conn loads: not something to judge offline.
      if (looksLikeHostname(value)) return undefined;
      return checkAddress(value);
    case 'ip-list':
      for (const item of value.split(/[\s,]+/).filter((i) => i !== '')) {
        if (!parseAddress(item)) return `'${item}' is not an IP address`;
      }
      return undefined;
    case 'host':
      // Host names and %words are resolved when the conn loads; only a malformed address is certain.
      if (/^[\d.]+$/.test(value) || (/^[0-9a-f:.]+$/i.test(value) && value.includes(':'))) return checkAddress(value);
      return undefined;
    case 'hex':
      return /^(0x)?[0-9a-f]+$/i.test(value) ? undefined : `'${value}' is not hexadecimal`;
    default:
      return checkTypedValue(value, info);
  }
}

function isFatal(info: KeywordVersionInfo, value: string): boolean {
  // Some malformed values stop the file even where others are only dropped (4.x `rekeyfuzz=10`).
  return info.fatalSyntax !== undefined && valueSyntaxPattern(info.fatalSyntax)?.regexp.test(value) === true;
}

/** A malformed value that refuses the conns reading it, not the whole file. */
function failsOnlyTheConn(info: KeywordVersionInfo, value: string): boolean {
  return info.onInvalidValue === 'conn-fails' && !isFatal(info, value);
}

function consequence(info: KeywordVersionInfo, value: string, version: string): { rejected: boolean; tail: string; severity?: 'warning' } {
  const fatal = isFatal(info, value);
  switch (fatal ? 'fatal' : info.onInvalidValue) {
    case 'fatal':
      return { rejected: true, tail: `Libreswan ${version} refuses to load the file` };
    case 'conn-fails':
      return { rejected: true, tail: `Libreswan ${version} refuses to add the conn` };
    case 'warn-ignore':
      return { rejected: false, tail: `Libreswan ${version} warns and uses the default instead`, severity: 'warning' };
    case 'silently-ignored':
      return { rejected: false, tail: `Libreswan ${version} silently ignores it and uses the default`, severity: 'warning' };
    default:
      return { rejected: false, tail: `Libreswan ${version} does not check it when loading, so it fails later`, severity: 'warning' };
  }
}

export function valueFinding(a: Assignment, problem: string, info: KeywordVersionInfo, version: string): Finding {
  const { rejected, tail, severity } = consequence(info, a.value, version);
  return {
    file: a.file.path,
    range: a.line.value?.range ?? a.line.range,
    message: `${a.line.key.text}=${a.value}: ${problem}; ${tail}`,
    rejectedByLibreswan: rejected,
    severity,
  };
}

/** Typed value checks: booleans, enums, durations, numbers, percentages, sizes, addresses and subnets. */
export const invalidValue: ConfRule = {
  meta: { id: 'invalid-value', description: 'A value that does not fit its keyword (type, allowed words, address syntax) in the target version.', defaultSeverity: 'error', scope: 'conf' },
  check({ config, syntax, version, table }, report) {
    // Which conns take each line (own section, also=, %default): built once, on the first malformed value that refuses conns.
    let takersByLine: Map<Assignment, ResolvedConn[]> | undefined;
    const takersOf = (a: Assignment): readonly ResolvedConn[] => {
      if (!takersByLine) {
        takersByLine = new Map();
        for (const conn of config.conns) {
          for (const setting of conn.settings.values()) {
            const list = takersByLine.get(setting.source);
            if (list) list.push(conn);
            else takersByLine.set(setting.source, [conn]);
          }
        }
      }
      return takersByLine.get(a) ?? [];
    };
    for (const assignments of config.assignments.values()) {
      for (const a of assignments) {
        if (a.meaning.kind !== 'known') continue;
        const info = a.meaning.canonical.info;
        if (a.meaning.match.info.status === 'obsolete' || info.status === 'obsolete') continue;
        const problem = problemWith(a.value, info, syntax, a.meaning.storageKey);
        if (!problem) continue;
        let finding = valueFinding(a, problem, info, version);
        const inherited: Finding[] = [];
        if (finding.rejectedByLibreswan && failsOnlyTheConn(info, a.value)) {
          const key = a.meaning.storageKey;
          const takers = takersOf(a);
          // 5.4 skips most values of a never-negotiate conn, and some values unless another key is yes.
          const readers = takers.filter((c) => readWhenAdded(version, c, key));
          const own = takers.find((c) => c.placed === a.placed);
          if (takers.length > 0 && readers.length === 0) {
            const names = takers.map((c) => `'${c.name}'`).join(', ');
            const gate = connAddFacts[version].readOnlyWhenYes?.[key];
            const why = gate !== undefined && takers.every((c) => !unreadOnShunt(version, c, key)) ? `reads it only with ${gate}=yes, which conn${takers.length === 1 ? '' : 's'} ${names} do${takers.length === 1 ? 'es' : ''} not set,` : `skips it unread on never-negotiate conn${takers.length === 1 ? '' : 's'} ${names} (type=passthrough/drop/reject)`;
            finding = {
              ...finding,
              message: `${a.line.key.text}=${a.value}: ${problem}; Libreswan ${version} ${why} and adds ${takers.length === 1 ? 'it' : 'them'}, but a conn that reads it is refused`,
              rejectedByLibreswan: false,
              severity: 'warning',
            };
          } else if (own !== undefined && !readers.includes(own)) {
            finding = { ...finding, conn: own.name, rejectedByLibreswan: false, severity: 'warning' };
          }
          // Each conn that inherits the value (also=, conn %default) and reads it is refused for it: say so at its header.
          for (const conn of readers) {
            if (conn === own || isBuildingBlock(config, conn)) continue;
            inherited.push(connFinding(conn, a, {
              message: `conn '${conn.name}' inherits ${a.line.key.text}=${a.value}: ${problem}; Libreswan ${version} refuses to add it`,
              rejectedByLibreswan: refusedWhenAdded(config, version, conn),
            }));
          }
        }
        // A value another release reads (keyexchange=ikev1 for 4.x): say when, and what to write.
        const entry = valueMigrationOf(a, version);
        const advice = entry ? migrationAdvice(a, entry, config, table, version) : undefined;
        report(advice ? { ...finding, message: `${finding.message}: ${advice.message}`, fixes: advice.fixes } : finding);
        for (const f of inherited) report(f);
      }
    }
  },
};
