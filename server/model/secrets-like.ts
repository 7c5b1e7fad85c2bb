import { posix as path } from 'node:path';

/**
 * A line that reads as an ipsec.secrets record: selectors (no `=`, so no ipsec.conf
 * assignment), a colon, then a secret kind. ipsec.conf has no such line.
 */
const secretsRecord = /^[^#=\n]*:\s*(?:PSK|RSA|ECDSA|XAUTH|EAP|NTLM|PIN|PPKS)(?:\s|$)/im;

/** A file named as Libreswan names secrets files (ipsec.secrets, *.secrets). */
export function namedAsSecrets(file: string): boolean {
  const name = path.basename(file);
  return name.endsWith('.secrets') || name.startsWith('ipsec.secrets');
}

/**
 * Whether a file read as ipsec.conf is really a secrets file, by its name or by a record in
 * it. Such a file is never quoted in a finding: a conf parser's message about a line of it
 * would print the secret on that line. Returns the 0-based line of the first record, or 0.
 */
export function secretsLikeLine(file: string, text: string): number | undefined {
  const match = secretsRecord.exec(text);
  if (match) {
    let line = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
    return line;
  }
  return namedAsSecrets(file) ? 0 : undefined;
}
