// The values the generator draws from: mostly what people write, with the mistakes the
// add-time checks of pluto exist to catch mixed in (host bits, wrong families, backwards
// pools, algorithms a build lacks, out-of-range durations). Documentation addresses only.

export type Family = 'v4' | 'v6';

export const hosts: Readonly<Record<Family, readonly string[]>> = {
  v4: ['192.0.2.1', '192.0.2.2', '198.51.100.7', '203.0.113.9'],
  v6: ['2001:db8::1', '2001:db8::2', '2001:db8:1::9', '2001:db8:2::7'],
};

export const specialHosts: Readonly<Record<Family, readonly string[]>> = {
  v4: ['%any', '%defaultroute', '%defaultroute4', '%any4', '%group', '%opportunisticgroup'],
  v6: ['%any6', '%defaultroute6', '%any'],
};

export const subnets: Readonly<Record<Family, readonly string[]>> = {
  v4: ['10.1.0.0/16', '10.2.0.0/24', '10.3.4.0/24', '0.0.0.0/0', '10.5.0.1/24', '192.0.2.1/32', '10.6.0.0/15', '10.7.0.0/24', '%no', '10.9.0.0'],
  v6: ['2001:db8:a::/48', '2001:db8:b::/64', '::/0', '2001:db8:c::1/64', '2001:db8:d::/56', '2001:db8::1/128'],
};

export const sourceIps: Readonly<Record<Family, readonly string[]>> = {
  v4: ['10.1.0.1', '10.2.0.1', '10.3.4.5', '10.99.0.1', '192.0.2.1', '0.0.0.0'],
  v6: ['2001:db8:a::1', '2001:db8:b::5', '2001:db8:ff::1', '::'],
};

export const pools: Readonly<Record<Family, readonly string[]>> = {
  v4: ['10.8.0.1-10.8.0.254', '10.8.0.0/24', '10.8.1.0/25', '0.0.0.0-0.0.0.10', '10.8.0.9-10.8.0.1', '10.8.0.5-10.8.0.5', '10.8.0.0/32', '0.0.0.0/24', '10.8.0.10-10.8.0.20'],
  v6: ['2001:db8:f::/120', '2001:db8:f::1-2001:db8:f::ff', '2001:db8:e::/64', '::/120', '2001:db8:f::/128'],
};

export const protoports = ['tcp/22', 'udp/500', '17/%any', 'tcp', 'icmp', '6/0', 'udp/1701', 'tcp/%any', '47'];

export const authbys = ['secret', 'rsasig', 'ecdsa', 'null', 'never', 'rsa-sha1', 'rsa-sha2', 'rsa-sha2_256', 'rsa-sha2_512',
  'rsasig,ecdsa', 'secret,rsasig', 'rsa', 'rsa-sha2_384,rsa-sha1', 'eddsa', 'ecdsa,rsa-sha2', 'null,secret'];

export const endAuths = ['psk', 'secret', 'rsasig', 'ecdsa', 'null', 'eaponly', 'never', 'rsa', 'eddsa'];

export const ikeEncrypts = ['aes', 'aes128', 'aes256', 'aes_192', 'aes_cbc', 'aes_gcm', 'aes_gcm_256', 'aes_gcm128', 'aes_gcm_c', 'aes_gcm_a',
  'aes_ctr', '3des', 'chacha20_poly1305', 'camellia', 'camellia256', 'null', 'aes_512', '3des_128', 'aes_ccm', 'aes_gcm_16', 'twofish', 'serpent'];
export const ikeIntegs = ['sha1', 'sha2', 'sha2_256', 'sha2_384', 'sha2_512', 'md5', 'aes_xcbc', 'sha256', 'sha', 'none', 'aes_cmac'];
export const dhGroups = ['modp2048', 'modp3072', 'modp4096', 'modp8192', 'modp1536', 'modp1024', 'dh19', 'dh20', 'dh21', 'dh31', 'ecp_256',
  'ecp_384', 'curve25519', 'dh22', 'dh23', 'dh14', 'dh2', 'dh5', 'none', 'modp6144', 'dh32'];
export const espEncrypts = ['aes', 'aes128', 'aes256', 'aes_gcm', 'aes_gcm256', 'aes_gcm_128', '3des', 'null', 'chacha20_poly1305', 'aes_ctr',
  'camellia', 'null_auth_aes_gmac', 'aes_gmac', 'aes_ccm_8', 'aes_192', 'aes_100', 'des', 'blowfish'];
export const espIntegs = ['sha1', 'sha2_256', 'sha2_512', 'sha2', 'md5', 'none', 'aes_xcbc', 'sha2_256_truncbug', 'aes_cmac', 'null'];
export const ahIntegs = ['sha1', 'sha2_256', 'sha2_512', 'md5', 'aes_xcbc', 'aes_cmac', 'sha2_384', 'null', 'aes_gmac'];

export const lifetimes = ['1h', '8h', '24h', '25h', '48h', '0', '30s', '1d', '3600', '10x', '1.5h', '2w', '60m', '3h'];
export const saLifetimes = ['8h', '1h', '24h', '30d', '0s', '12h', '100', '1m'];
export const margins = ['9m', '3m', '0', '2h', '1x', '540s', '30'];
export const fuzzes = ['100%', '50%', '0%', '200%', '101%', '1000%', '150', '-1%', '99%'];
export const dpdDelays = ['30', '10s', '0', '1m', '5x'];
export const replayWindows = ['0', '32', '64', '2048', '99999999', '-1'];
export const ports = ['4500', '500', '0', '65536', '443', '8443'];
export const marks = ['0x1', '0xffffffff', '1/0xffffffff', '-1', '0x10/0xf0', '42'];
export const vtiAddresses = ['10.0.0.1/30', '2001:db8:9::1/64', '10.0.0.1', '10.0.0.0/30'];
