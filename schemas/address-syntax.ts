import { split4x5x } from './per-version';

/**
 * How each version reads addresses, subnets and pools in conn values. 4.x: the starter's
 * validate_end() in lib/libipsecconf/confread.c (ttosubnet, ttorange); 5.x: pluto's
 * extract.c (selector lists, pool lists).
 */
export interface AddressSyntax {
  /** 4.x: exactly one `addr/prefix`; 5.x: a list of selectors, a bare address meaning one host. */
  readonly subnetNeedsPrefix: boolean;
  readonly subnetList: boolean;
  /** 4.x takes one range or subnet in `addresspool=`; 5.x one per address family, comma-separated. */
  readonly addresspoolList: boolean;
  /** 4.x's starter treats `leftsubnet=` (nothing after `=`) as not set at all. */
  readonly emptyAddressIsUnset: boolean;
  /** Keywords of type `ip` that 5.x reads as a comma-separated list (pluto's ttoaddresses_num: `sourceip=`, one address per family). */
  readonly addressListKeys: readonly string[];
  /** `leftsubnet=` words: 4.x's starter takes %no and %priv; 5.x's selector parser refuses both ("first digit invalid", checked with 5.2 and 5.4 pluto). */
  readonly subnetWords: readonly string[];
  /**
   * `vti=`/`interface-ip=`: 4.x's starter wants `addr/prefix` ("missing mask"); 5.x reads them
   * with ttocidr_num, where a bare address means one host (checked with 4.10, 5.2 and 5.4 pluto).
   */
  readonly cidrNeedsPrefix: boolean;
}

const v4: AddressSyntax = { subnetNeedsPrefix: true, subnetList: false, addresspoolList: false, emptyAddressIsUnset: true, addressListKeys: [], subnetWords: ['%no', '%priv'], cidrNeedsPrefix: true };
const v5: AddressSyntax = { subnetNeedsPrefix: false, subnetList: true, addresspoolList: true, emptyAddressIsUnset: false, addressListKeys: ['leftsourceip', 'rightsourceip'], subnetWords: [], cidrNeedsPrefix: false };

export const addressSyntax = split4x5x<AddressSyntax>(v4, v5);
