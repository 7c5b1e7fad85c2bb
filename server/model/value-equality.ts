import type { ValueType } from '../../schemas/keywords';
import { durationSeconds } from './duration';

const truthy = new Set(['yes', 'true', 'on', 'y', '1']);
const falsy = new Set(['no', 'false', 'off', 'n', '0']);

/**
 * Whether two values of one keyword mean the same, as Libreswan compares them when a conn
 * and an `also=` section both set it: enums and booleans by meaning, durations by length,
 * everything else as text.
 */
export function sameSettingValue(a: string, b: string, type: ValueType): boolean {
  if (a === b) return true;
  if (type === 'bool') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return (truthy.has(x) && truthy.has(y)) || (falsy.has(x) && falsy.has(y));
  }
  if (type === 'enum') return a.toLowerCase() === b.toLowerCase();
  if (type === 'duration') {
    const x = durationSeconds(a, 's');
    return x !== undefined && x === durationSeconds(b, 's');
  }
  return false;
}
