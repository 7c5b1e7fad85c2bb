import { parseAddress } from '../../model/address-syntax';
import type { Setting } from '../../model/connections';
import type { ConfRule } from '../rule';
import { SIDES, endSetting, where } from './ends';
import { idWords } from '../../../schemas/conn-facts';

/**
 * What an id's spelling makes of it, and where that surprises: Libreswan reads `@name` as
 * an FQDN sent as is, `a@b` as a user FQDN, anything with `=` as a DN, `@#`/`@~` as hex,
 * and every other bare word as a host name it looks up in DNS when the conn loads.
 */
function idProblem(raw: string): { message: string; rejected: boolean } | undefined {
  const v = raw.trim();
  if (v === '') return { message: 'an empty id; remove the line or write an id', rejected: false };
  if (v.startsWith('%')) {
    return idWords.has(v.toLowerCase()) ? undefined : { message: `'${v}' is not an id word Libreswan knows (%any, %none, %null, %fromcert)`, rejected: false };
  }
  if (v.startsWith('@#') || v.startsWith('@~')) {
    const hex = v.slice(2);
    return /^[0-9a-f]+$/i.test(hex) && hex.length % 2 === 0 ? undefined : { message: `'${v}' should be ${v.slice(0, 2)} followed by an even number of hex digits`, rejected: false };
  }
  if (v.startsWith('@[')) return v.endsWith(']') ? undefined : { message: `'${v}' lacks its closing ]`, rejected: false };
  if (v.startsWith('@')) return v.length > 1 ? undefined : { message: "'@' alone is an empty name; write @host.example", rejected: false };
  if (v.includes('=')) {
    // A DN: every RDN is ATTRIBUTE=value; a part without '=' is usually an unescaped comma.
    const parts = v.replace(/^\//, '').split(/(?<!\\)[,/]/).map((p) => p.trim()).filter((p) => p !== '');
    const bad = parts.find((p) => !/^([a-z][a-z0-9-]*|\d+(\.\d+)+)\s*=/i.test(p));
    return bad ? { message: `DN '${v}' has a part '${bad}' that is not ATTRIBUTE=value; escape a comma inside a value as \\, or quote the whole DN`, rejected: false } : undefined;
  }
  if (v.includes('@')) {
    const [user, domain] = [v.slice(0, v.indexOf('@')), v.slice(v.indexOf('@') + 1)];
    return user !== '' && domain !== '' ? undefined : { message: `'${v}' is not user@domain`, rejected: false };
  }
  if (parseAddress(v)) return undefined;
  if (/^[\d.]+$/.test(v) || (/^[0-9a-f:.]+$/i.test(v) && v.includes(':'))) return { message: `'${v}' looks like an address but is not one`, rejected: false };
  return {
    message: `'${v}' is neither @fqdn, user@domain, a DN nor an address, so Libreswan looks the name up in DNS when the conn loads and uses the address as the id (the conn fails to load without DNS). Write @${v} to send the name itself`,
    rejected: false,
  };
}

/** Ids whose spelling does not match the kind of id the writer meant. */
export const leftRightIdSyntax: ConfRule = {
  meta: { id: 'left-right-id-syntax', description: 'An id= that does not read as the type it looks like: a bare name (resolved in DNS), a bad DN, a broken @#hex, an unknown %word.', defaultSeverity: 'warning', scope: 'conf' },
  check({ config }, report) {
    const seen = new Set<Setting['source']>();
    for (const conn of config.conns) {
      for (const side of SIDES) {
        const id = endSetting(conn, side, 'id');
        if (!id || seen.has(id.source)) continue;
        seen.add(id.source);
        const problem = idProblem(id.value);
        if (!problem) continue;
        report({
          ...where(id),
          message: `${id.source.line.key.text}=${id.value}: ${problem.message}`,
          rejectedByLibreswan: problem.rejected,
        });
      }
    }
  },
};
