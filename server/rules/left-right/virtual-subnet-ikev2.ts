import { refusedWhenAdded } from '../conn-role';
import type { Assignment } from '../../model/connections';
import type { ConfRule } from '../rule';
import { endSetting, ikeVersionOf, SIDES } from './ends';
import { connAddFacts, ikev1Ikev2Values, virtualSubnetPrefixes } from '../../../schemas/conn-facts';

function isVirtual(value: string): boolean {
  const v = value.trim();
  return virtualSubnetPrefixes.some((p) => v.startsWith(p));
}

interface Use {
  readonly conns: string[];
  loaded: boolean;
}

/**
 * `rightsubnet=vhost:%priv` / `vnet:%priv` lets IKEv1 clients behind NAT claim addresses of
 * their own; IKEv2 has no such thing (it hands out addresses with addresspool= instead), so
 * Libreswan refuses a virtual subnet on an IKEv2 conn, which is the default.
 */
export const leftRightVirtualSubnetIkev2: ConfRule = {
  meta: {
    id: 'left-right-virtual-subnet-ikev2',
    description: 'subnet=vhost:… or subnet=vnet:… (a virtual subnet) on an IKEv2 conn; only IKEv1 conns have virtual subnets.',
    defaultSeverity: 'error',
    scope: 'conf',
  },
  check({ config, version }, report) {
    const facts = connAddFacts[version];
    // One finding per line: a %default or also= line is shared by every conn that uses it.
    const uses = new Map<Assignment, Use>();
    const note = (source: Assignment, conn: string, loaded: boolean): void => {
      const known = uses.get(source);
      if (!known) uses.set(source, { conns: [conn], loaded });
      else {
        known.conns.push(conn);
        known.loaded ||= loaded;
      }
    };
    if (facts.virtualSubnetRefusedOnRead) {
      // 4.x checks the pooled `conn %default` sections as one conn of their own.
      const defaults = config.sectionsByName.get('%default') ?? [];
      const assignments = defaults.flatMap((placed) => config.assignments.get(placed) ?? []);
      let ikev1 = false;
      for (const a of assignments) if (a.meaning.kind === 'known' && a.meaning.storageKey === 'ikev2') ikev1 = ikev1Ikev2Values.has(a.value.trim().toLowerCase());
      for (const a of assignments) {
        if (ikev1 || a.meaning.kind !== 'known' || !/^(left|right)subnet$/.test(a.meaning.storageKey) || !isVirtual(a.value)) continue;
        note(a, '%default', true);
      }
    }
    for (const conn of config.conns) {
      if (ikeVersionOf(conn) === 1) continue;
      for (const side of SIDES) {
        const subnet = endSetting(conn, side, 'subnet');
        if (subnet && isVirtual(subnet.value)) note(subnet.source, conn.name, refusedWhenAdded(config, version, conn));
      }
    }
    for (const [source, use] of uses) {
      const named = use.conns.length === 1 ? `conn ${use.conns[0]} is` : `conns ${use.conns.join(', ')} are`;
      const refusal = facts.virtualSubnetRefusedOnRead
        ? `Libreswan ${version} refuses ${use.conns.length === 1 ? 'it' : 'them'} when it reads the file`
        : `Libreswan ${version} refuses ${use.conns.length === 1 ? 'it' : 'each'} at 'ipsec auto --add'`;
      report({
        ...(use.conns.length === 1 ? { conn: use.conns[0] } : {}),
        file: source.file.path,
        range: source.line.value?.range ?? source.line.key.range,
        message: `${source.line.key.text}=${source.value} is a virtual subnet, which only IKEv1 has, and ${named} IKEv2 (the default); ${refusal}. For IKEv2 clients give addresses with addresspool= (or name their subnet), or set ${facts.ikev1Spelling} if the peers speak IKEv1`,
        rejectedByLibreswan: facts.virtualSubnetRefusedOnRead || use.loaded,
      });
    }
  },
};
