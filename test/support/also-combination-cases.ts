/*
 * The repeated-key shapes both also= combination tests ask about: test/model/also-combination.test.ts
 * pins ipsec-lint's verdicts offline, test/oracle/also-combination-live.test.ts asks the live
 * releases. One list, so that the two always judge the same conns.
 */
export function repeatedKeyConns(conn: (name: string, extra: string) => string): string {
  return (
    conn('ike-same', '\tike=aes256-sha2_256-modp2048\n') +
    conn('ike-case', '\tike=AES256-sha2_256-modp2048\n') +
    conn('pfs-same', '\tpfs=yes\n') +
    conn('pfs-true', '\tpfs=true\n') +
    conn('life-60m', '\tikelifetime=60m\n') +
    conn('left-same', '\tleft=192.0.2.1\n') +
    conn('subnet-same', '\tleftsubnet=10.1.0.0/16\n') +
    conn('pfs-no', '\tpfs=no\n')
  );
}
