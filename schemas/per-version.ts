import { LIBRESWAN_VERSIONS, type LibreswanVersion } from './keywords';

/** A per-version table for facts that changed once, between the 4.x and the 5.x series. */
export function split4x5x<T>(v4: T, v5: T): Readonly<Record<LibreswanVersion, T>> {
  return Object.fromEntries(LIBRESWAN_VERSIONS.map((v) => [v, v.startsWith('4.') ? v4 : v5])) as Record<LibreswanVersion, T>;
}
