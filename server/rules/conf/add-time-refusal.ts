import type { ResolvedConfig, ResolvedConn } from '../../model/connections';
import { ADD_TIME_CONSTRAINTS, type AddTimeCondition, type AddTimeConstraint } from '../../../schemas/add-time-constraints';
import { negotiationlessTypes } from '../../../schemas/conn-facts';
import { refusedWhenAdded, isBuildingBlock } from '../conn-role';
import { connFinding } from '../conn-finding';
import { authbyItems, ikeVersionOf, isYes } from '../left-right/ends';
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
  /** The detail a test found, for the message. */
  detail?: string;
}

function keyOf(template: string, end: End): string {
  return template.replace('{end}', end).replace('{other}', end === 'left' ? 'right' : 'left');
}

function valueOf(scope: Scope, template: string): string | undefined {
  const v = scope.conn.settings.get(keyOf(template, scope.end))?.value.trim();
  return v === '' ? undefined : v;
}

function endAuth(scope: Scope, end: End): string | undefined {
  const v = scope.conn.settings.get(`${end}auth`)?.value.trim().toLowerCase();
  return v === 'psk' ? 'secret' : v;
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
  if ('outside' in c) {
    const v = valueOf(scope, c.outside);
    if (v === undefined || !/^\d+$/.test(v)) return false;
    const n = Number(v);
    return n < c.min || n > c.max;
  }
  if ('ikeVersion' in c) return ikeVersionOf(scope.conn) === c.ikeVersion;
  if ('neverNegotiates' in c) {
    const type = scope.conn.settings.get('type')?.value.trim().toLowerCase();
    return (type !== undefined && negotiationlessTypes.has(type)) === c.neverNegotiates;
  }
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
  check({ config, version, conns = config.conns }, report) {
    const constraints = ADD_TIME_CONSTRAINTS.filter((c) => c.versions.includes(version));
    if (constraints.length === 0) return;
    for (const conn of conns) {
      if (isBuildingBlock(config, conn)) continue;
      const rejected = refusedWhenAdded(config, version, conn);
      for (const constraint of constraints) {
        const ends: End[] = constraint.perEnd ? ['left', 'right'] : ['left'];
        for (const end of ends) {
          const scope: Scope = { config, conn, end };
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
