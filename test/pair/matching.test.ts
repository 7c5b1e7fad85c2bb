import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main';

const scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-pair-match-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PSK = '@roadwarrior @vpn.example.org : PSK "road-warrior-secret-0123456789"\n';

/** A road warrior and its server, each naming the conn its own way. */
function hosts(name: string, client: string, server: string, serverSettings?: object): { client: string; server: string } {
  const dir = join(scratch, name);
  for (const [host, conf] of [['client', client], ['server', server]] as const) {
    mkdirSync(join(dir, host), { recursive: true });
    writeFileSync(join(dir, host, 'ipsec.conf'), conf);
    writeFileSync(join(dir, host, 'ipsec.secrets'), PSK, { mode: 0o600 });
  }
  if (serverSettings) writeFileSync(join(dir, 'server', '.ipsec-lint.json'), JSON.stringify(serverSettings));
  return { client: join(dir, 'client'), server: join(dir, 'server') };
}

const client = `conn to-vpn-server
\tleft=%defaultroute
\tleftid=@roadwarrior
\tright=203.0.113.10
\trightid=@vpn.example.org
\trightsubnet=10.10.0.0/16
\tauthby=secret
\tike=chacha20poly1305-sha2;dh31
\tauto=start
`;
const server = `conn roadwarriors
\tleft=203.0.113.10
\tleftid=@vpn.example.org
\tleftsubnet=10.10.0.0/16
\tright=%any
\trightid=@roadwarrior
\tauthby=secret
\tauto=add
`;

interface PairJson {
  readonly pairings: readonly { readonly west: string; readonly east: string; readonly state: string; readonly notification: string | null; readonly westLocal?: string }[];
  readonly unmatched: readonly { readonly host: string; readonly conn: string; readonly reason: string }[];
}

describe('pair matches conns by what the peers see', () => {
  it("pairs a road warrior's to-vpn-server with the server's roadwarriors, and predicts it up", () => {
    const h = hosts('rw', client, server);
    const r = runCli(['pair', '--format', 'json', h.client, h.server]);
    const json = JSON.parse(r.stdout) as PairJson;
    expect(json.pairings.map((p) => [p.west, p.east, p.state])).toEqual([['to-vpn-server', 'roadwarriors', 'up']]);
    expect(json.unmatched).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it("takes each host's own settings: a FIPS server (flag or its .ipsec-lint.json) refuses the client's ChaCha20 proposal", () => {
    const h = hosts('fips-flag', client, server);
    const byFlag = JSON.parse(runCli(['pair', '--format', 'json', '--east-fips', h.client, h.server]).stdout) as PairJson;
    expect(byFlag.pairings.map((p) => [p.state, p.notification])).toEqual([['ike-refused', 'NO_PROPOSAL_CHOSEN']]);
    const f = hosts('fips-file', client, server, { fips: true });
    const byFile = runCli(['pair', '--format', 'json', f.client, f.server]);
    expect((JSON.parse(byFile.stdout) as PairJson).pairings.map((p) => p.state)).toEqual(['ike-refused']);
    expect(byFile.exitCode).toBe(1);
    // The client's flag does not make the server FIPS.
    expect((JSON.parse(runCli(['pair', '--format', 'json', '--west-fips', '--west-libreswan-version', '5.4', h.client, h.server]).stdout) as PairJson).pairings.map((p) => p.state)).not.toContain('up');
    expect(runCli(['pair', '--east-libreswan-version', '9.9', h.client, h.server]).exitCode).toBe(2);
  });

  it('exits 1 with a clear message, and says why, when no conn pairs', () => {
    const h = hosts('none', client, server.replace('left=203.0.113.10', 'left=203.0.113.77').replace('leftid=@vpn.example.org', 'leftid=@other.example.org'));
    const r = runCli(['pair', '--format', 'json', h.client, h.server]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no conn of .* pairs with a conn of .*: their addresses, ids and subnets do not point at each other/);
    const json = JSON.parse(r.stdout) as PairJson;
    expect(json.pairings).toEqual([]);
    expect(json.unmatched.map((u) => [u.host, u.conn])).toEqual([['west', 'to-vpn-server'], ['east', 'roadwarriors']]);
    expect(json.unmatched[0].reason).toMatch(/points at right=203\.0\.113\.10/);
    const stylish = runCli(['pair', h.client, h.server]);
    expect(stylish.exitCode).toBe(1);
    expect(stylish.stdout).toMatch(/no partner: west conn to-vpn-server/);
  });

  it('reports a conn pointing at an address where the peer is not as unreachable, with both lines', () => {
    const h = hosts('unreachable', client.replace('right=203.0.113.10', 'right=203.0.113.99'), server);
    const r = runCli(['pair', '--format', 'json', h.client, h.server]);
    const json = JSON.parse(r.stdout) as PairJson & { findings: { state: string; west: { text: string }; east: { text: string } }[] };
    expect(json.pairings.map((p) => [p.state, p.notification])).toEqual([['unreachable', 'timeout']]);
    expect(json.findings[0].west.text).toBe('right=203.0.113.99');
    expect(json.findings[0].east.text).toBe('left=203.0.113.10');
    expect(r.exitCode).toBe(1);
  });
});
