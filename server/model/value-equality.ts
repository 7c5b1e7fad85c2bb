import type { VersionBehaviour } from '../../schemas/behaviour';
import type { KeywordVersionInfo, ValueType } from '../../schemas/keywords';
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

/**
 * Whether Libreswan, meeting a key a second time while it combines a conn (an `also=`
 * section, or a second spelling of the key), takes the repeat as harmless; otherwise it
 * refuses the conn. The judgement depends on the key's type in that version's table, as
 * `VersionBehaviour.repeatJudgedAs` records (4.x-5.2 refuse any repeat of a text-typed key).
 */
export function repeatIsHarmless(a: string, b: string, info: KeywordVersionInfo, behaviour: VersionBehaviour): boolean {
  switch (behaviour.repeatJudgedAs[info.tableType ?? ''] ?? 'meaning') {
    case 'always-clash':
      return false;
    case 'text':
      return a === b;
    case 'free-text-equal':
      // A word of the keyword's own list (left=%defaultroute) or a bare number (4.10's
      // ipsec-interface=5) is stored as a number and then compared as a never-stored text.
      return a === b && !/^\d+$/.test(a) && !(info.values ?? []).includes(a.toLowerCase());
    case 'meaning':
      return sameSettingValue(a, b, info.type);
  }
}
