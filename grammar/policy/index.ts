/**
 * Policy group files (/etc/ipsec.d/policies/*): one address or CIDR per entry, with an
 * optional protocol and port pair. Lossless; `parsePolicyGroup` never throws.
 */
export { parsePolicyGroup, printPolicyGroup } from '../lazy-grammar';
export type * from './syntax-tree';
