import type { ResolvedConfig, ResolvedConn } from '../../model/connections';
import { ADD_TIME_CONSTRAINTS, DURATION_SYNTAX, type AddTimeCondition, type AddTimeConstraint } from '../../../schemas/add-time-constraints';
import type { LibreswanVersion } from '../../../schemas/keywords';
import { valueSyntaxPattern } from '../../model/typed-value';
import { authFromAuthbyOrder, connAddFacts } from '../../../schemas/conn-facts';
import { refusedWhenAdded, isBuildingBlock, isNeverNegotiate, unreadOnShunt } from '../conn-role';
import { connFinding } from '../conn-finding';
import { authbyItems, droppedByParser, ikeVersionOf, isYes } from '../left-right/ends';
import type { ConfRule } from '../rule';
import { poolOverlapFacts, runAddTimeTest } from './add-time-tests';

/*
 * The one evaluator of pluto's add-time constraints (schemas/add-time-constraints.ts): for
 * every conn pluto would add, each constraint of the targeted release is read against the
 * conn's effective settings, per end where it says so.
 */

type End = 'left' | 'right';

const NO_WORDS = new Set(['no', 'n', 'false', 'off', '0']);
const OPPORTUNISTIC_HOSTS = new Set(['%opportunistic', '%opportunisticgroup', '%group']);

interface Scope {
  readonly config: ResolvedConfig;
  readonly conn: ResolvedConn;
  readonly end: End;
  readonly fips: boolean;
  readonly version: LibreswanVersion;
  /** Per conn, worked out once: its IKE version and whether it is a shunt. */
  readonly ikeVersion: 1 | 2;
  readonly neverNegotiate: boolean;
  /** The detail a test found, for the message. */
  detail?: string;
}

function keyOf(template: string, end: End): string {
  return template.replace('{end}', end).replace('{other}', end === 'left' ? 'right' : 'left');
}

function valueOf(scope: Scope, template: string): string | undefined {
  const s = scope.conn.settings.get(keyOf(template, scope.end));
  // A word the release's parser does not know is dropped with a warning: pluto never sees it.
  if (s === undefined || droppedByParser(s)) return undefined;
  const v = s.value.trim();
  return v === '' ? undefined : v;
}

function endAuth(scope: Scope, end: End): string | undefined {
  const v = scope.conn.settings.get(`${end}auth`)?.value.trim().toLowerCase();
  if (v !== undefined && v !== '') return v === 'psk' ? 'secret' : v;
  // 5.4 fills an end without auth= in from authby= (5.2 refuses one auth= without the other).
  if (connAddFacts[scope.version].endAuthPairRequired) return undefined;
  const items = authbyItems(scope.conn);
  if (items.length === 0) return 'rsasig';
  return authFromAuthbyOrder.find((o) => o.authby.some((a) => items.includes(a)))?.auth;
}

function holds(c: AddTimeCondition, scope: Scope): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, scope));
  if ('any' in c) return c.any.some((x) => holds(x, scope));
  if ('not' in c) return !holds(c.not, scope);
  if ('set' in c) return valueOf(scope, c.set) !== undefined;
  if ('unset' in c) return valueOf(scope, c.unset) === undefined;
  if ('yes' in c) return isYes(valueOf(scope, c.yes));
  if ('no' in c) {
    const v = valueOf(scope, c.no);
    return v !== undefined && NO_WORDS.has(v.toLowerCase());
  }
  if ('oneOf' in c) return c.values.includes((valueOf(scope, c.oneOf) ?? c.unsetMeans ?? '').toLowerCase());
  if ('setupOneOf' in c) {
    const v = scope.config.setup.get(c.setupOneOf)?.value.trim().toLowerCase();
    return c.values.includes(v === undefined || v === '' ? (c.unsetMeans ?? '') : v);
  }
  if ('malformedDuration' in c) {
    const v = valueOf(scope, c.malformedDuration);
    const syntax = DURATION_SYNTAX[scope.version];
    const pattern = syntax ? valueSyntaxPattern(syntax) : undefined;
    return v !== undefined && pattern !== undefined && !pattern.regexp.test(v);
  }
  if ('outside' in c) {
    const v = valueOf(scope, c.outside);
    if (v === undefined || !/^\d+$/.test(v)) return false;
    const n = Number(v);
    return n < c.min || n > c.max;
  }
  if ('fips' in c) return scope.fips === c.fips;
  if ('ikeVersion' in c) return scope.ikeVersion === c.ikeVersion;
  if ('neverNegotiates' in c) return scope.neverNegotiate === c.neverNegotiates;
  if ('opportunistic' in c) {
    const hosts = ['left', 'right'].map((e) => scope.conn.settings.get(e)?.value.trim().toLowerCase() ?? '');
    return hosts.some((h) => OPPORTUNISTIC_HOSTS.has(h)) === c.opportunistic;
  }
  if ('authbyItemOutside' in c) return authbyItems(scope.conn).some((i) => !c.authbyItemOutside.includes(i));
  if ('authbyHasEach' in c) {
    const items = authbyItems(scope.conn);
    return c.authbyHasEach.every((group) => group.some((g) => items.includes(g)));
  }
  if ('endAuths' in c) {
    const l = endAuth(scope, 'left');
    const r = endAuth(scope, 'right');
    const [a, b] = c.endAuths;
    return (l === a && r === b) || (l === b && r === a);
  }
  const detail = runAddTimeTest(c.test, keyOf(c.key, scope.end), scope.config, scope.conn);
  if (detail !== undefined) scope.detail = detail;
  return detail !== undefined;
}

function reasonText(constraint: AddTimeConstraint, scope: Scope): string {
  return constraint.reason
    .replaceAll('{end}', scope.end)
    .replaceAll('{other}', scope.end === 'left' ? 'right' : 'left')
    .replaceAll('{detail}', scope.detail ?? '')
    .replace(/\{([a-z0-9-]+)\}/g, (_m, key: string) => scope.conn.settings.get(key)?.value ?? '');
}

export const addTimeRefusal: ConfRule = {
  meta: {
    id: 'add-time-refusal',
    description: 'A conn that pluto of the targeted release refuses when it is added (address pools, source IPs, IKE version and mode, authentication, add-time values).',
    defaultSeverity: 'error',
    scope: 'conf',
    perConn: true,
  },
  connFacts: ({ config }, conn) => poolOverlapFacts(config, conn),
  check({ config, version, fips, conns = config.conns }, report) {
    const constraints = ADD_TIME_CONSTRAINTS.filter((c) => c.versions.includes(version));
    if (constraints.length === 0) return;
    const skipsShuntValues = connAddFacts[version].neverNegotiateReads !== undefined;
    for (const conn of conns) {
      if (isBuildingBlock(config, conn)) continue;
      const rejected = refusedWhenAdded(config, version, conn);
      const ikeVersion = ikeVersionOf(conn);
      const neverNegotiate = isNeverNegotiate(conn);
      // A never-negotiate conn whose value pluto skips unread (5.4) is not refused for it.
      const mayLeaveUnread = skipsShuntValues && neverNegotiate;
      for (const constraint of constraints) {
        const ends: End[] = constraint.perEnd ? ['left', 'right'] : ['left'];
        for (const end of ends) {
          if (mayLeaveUnread && constraint.reads.some((k) => unreadOnShunt(version, conn, keyOf(k, end)))) continue;
          const scope: Scope = { config, conn, end, fips, version, ikeVersion, neverNegotiate };
          if (!holds(constraint.when, scope)) continue;
          const cause = conn.settings.get(keyOf(constraint.at, end));
          report(connFinding(conn, cause, {
            message: `conn '${conn.name}': ${reasonText(constraint, scope)} (${constraint.id}; Libreswan ${version} refuses to add the conn)`,
            rejectedByLibreswan: rejected,
          }));
        }
      }
    }
  },
};
