import ipaddr from 'ipaddr.js';
import type { AddressSyntax } from '../../schemas/address-syntax';

/** Why a value is not an address of the wanted shape, or undefined when it is fine. */
export type AddressProblem = string | undefined;

export type Family = 'ipv4' | 'ipv6';

/** Misses are remembered as null, so one look-up answers both "known" and "what". */
const parsedAddresses = new Map<string, ipaddr.IPv4 | ipaddr.IPv6 | null>();

/**
 * An IP address as Libreswan reads one, or undefined. Remembered, since several rules read
 * the same ends of every conn; callers must not modify the returned object.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const known = parsedAddresses.get(text);
  if (known !== undefined) return known ?? undefined;
  if (parsedAddresses.size >= 50_000) parsedAddresses.clear();
  const address = readAddress(text);
  parsedAddresses.set(text, address ?? null);
  return address;
}

/**
 * The octets of a plain dotted quad (`192.0.2.1`: four decimal parts without leading zeros,
 * each at most 255), or undefined for anything else. This is the form nearly every config
 * writes, and ipaddr.js checks it with several regular expressions; what this refuses still
 * goes to ipaddr.js, so it only has to never accept what ipaddr.js would refuse.
 */
export function plainDottedQuad(text: string): [number, number, number, number] | undefined {
  const octets: [number, number, number, number] = [0, 0, 0, 0];
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || part === 3) return undefined;
      octets[part++] = value;
      digits = 0;
      value = 0;
      continue;
    }
    if (code < 48 || code > 57) return undefined;
    if (digits > 0 && value === 0) return undefined;
    value = value * 10 + (code - 48);
    if (++digits > 3 || value > 255) return undefined;
  }
  if (digits === 0 || part !== 3) return undefined;
  octets[3] = value;
  return octets;
}

function readAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const quad = plainDottedQuad(text);
  if (quad) return new ipaddr.IPv4(quad);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // Libreswan's address parser takes inet_aton()'s short forms too: `0/0`, `10.1/16`, `0.0.0/0`.
  if (/^\d+(\.\d+){0,2}$/.test(text) && ipaddr.IPv4.isValid(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

export function familyOf(text: string): Family | undefined {
  return parseAddress(text)?.kind();
}

/** `addr/prefix` (or, where `allowBare`, a bare address). */
export function checkCidr(text: string, allowBare: boolean): AddressProblem {
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (!allowBare) return parseAddress(text) ? `'${text}' has no /prefix: write ${text}/${text.includes(':') ? 128 : 32} for one host` : `'${text}' is not an address/prefix`;
    return parseAddress(text) ? undefined : `'${text}' is not an IP address`;
  }
  const addr = parseAddress(text.slice(0, slash));
  if (!addr) return `'${text.slice(0, slash)}' is not an IP address`;
  const prefix = text.slice(slash + 1);
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (!/^\d+$/.test(prefix) || Number(prefix) > max) return `'/${prefix}' is not a prefix length (0 to ${max})`;
  return undefined;
}


/**
 * The `address[/prefix]` of a 5.x selector, without the protocol and port that may follow
 * the prefix (`192.0.2.0/24:tcp/22`, `1.2.3.4/32/tcp/22`); undefined when the protocol part
 * is malformed. The address ends at the first `/`, so an IPv6 address keeps its colons.
 */
export function selectorAddress(item: string): string | undefined {
  const slash = item.indexOf('/');
  if (slash < 0) return item;
  const rest = item.slice(slash + 1);
  const m = /^(\d*)(?:[/:]([a-z0-9]*)(?:\/(\d*))?)?$/i.exec(rest);
  if (!m) return item;
  return m[1] === '' ? item.slice(0, slash) : `${item.slice(0, slash)}/${m[1]}`;
}

/** `leftsubnet=`: vhost:/vnet: forms, `%no`/`%priv`, or subnets (a list from 5.0). */
export function checkSubnet(text: string, syntax: AddressSyntax): AddressProblem {
  if (text === '') return 'empty value';
  if (/^v(host|net):/i.test(text)) return undefined;
  const items = syntax.subnetList ? text.split(/[\s,]+/).filter((i) => i !== '') : [text];
  for (const item of items) {
    if (syntax.subnetWords.includes(item.toLowerCase())) continue;
    // 5.x selectors may carry a protocol/port: 192.0.2.0/24:tcp/22 — check the address part.
    const selector = syntax.subnetList ? (selectorAddress(item) ?? item) : item;
    const problem = checkCidr(selector, !syntax.subnetNeedsPrefix);
    if (problem) return items.length > 1 || !syntax.subnetList ? problem + (syntax.subnetList ? '' : ' (this version takes one subnet; use leftsubnets={…} for several)') : problem;
  }
  return undefined;
}

/** `addresspool=`: a range `a-b` or a subnet; IPv6 pools must be subnets. */
export function checkAddressPool(text: string, syntax: AddressSyntax): AddressProblem {
  if (text === '') return 'empty value';
  const items = syntax.addresspoolList ? text.split(',') : [text];
  for (const item of items) {
    if (item === '') return 'empty item in the list';
    const dash = item.indexOf('-');
    if (dash >= 0) {
      const lo = parseAddress(item.slice(0, dash));
      const hi = parseAddress(item.slice(dash + 1));
      if (!lo || !hi) return `'${item}' is not a range first-last`;
      if (lo.kind() !== hi.kind()) return `'${item}' mixes IPv4 and IPv6`;
      if (lo.kind() === 'ipv6') return `IPv6 pool '${item}' must be written as a subnet, not a range`;
      const a = lo.toByteArray();
      const b = hi.toByteArray();
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
          if (a[i] > b[i]) return `'${item}' runs backwards`;
          break;
        }
      }
      continue;
    }
    const problem = checkCidr(item, false);
    if (problem) return problem + (syntax.addresspoolList ? '' : ' (this version takes a single range or subnet)');
  }
  return undefined;
}

/** One address (nexthop, sourceip); words such as %defaultroute are the caller's to allow. */
export function checkAddress(text: string): AddressProblem {
  if (text === '') return 'empty value';
  return parseAddress(text) ? undefined : `'${text}' is not an IP address`;
}

/** A DNS name as Libreswan would resolve it at load time (letters, digits, dots, dashes). */
export function looksLikeHostname(text: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(text) && !/^[\d.]+$/.test(text);
}
