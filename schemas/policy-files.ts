/*
 * The files pluto reads from ipsec.d/policies/ (programs/pluto/foodgroups.c): one group per
 * opportunistic-encryption conn of the same name, each read only when that conn is loaded.
 */
export const POLICY_GROUP_NAMES: readonly string[] = ['block', 'clear', 'clear-or-private', 'private', 'private-or-clear'];

/** Every file of that folder editors and the CLI read with the policy grammar. */
export const POLICY_FILE_NAMES: ReadonlySet<string> = new Set([...POLICY_GROUP_NAMES, 'portexcludes.conf']);
