import type { SecretsRule } from '../rule';
import { ppkIdMismatch } from './ppk-id-mismatch';
import { ppkMissing } from './ppk-missing';
import { pskTooShort } from './psk-too-short';
import { pskWeak } from './psk-weak';
import { secretMissing } from './secret-missing';
import { secretUnused } from './secret-unused';
import { secretsFileMode } from './secrets-file-mode';

/** Rules over an ipsec.secrets file, its includes, and the conf beside it. */
export const secretsRules: readonly SecretsRule[] = [
  pskTooShort,
  pskWeak,
  secretsFileMode,
  secretMissing,
  secretUnused,
  ppkMissing,
  ppkIdMismatch,
];
