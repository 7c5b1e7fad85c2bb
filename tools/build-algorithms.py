# Builds schemas/algorithms.json from the extracted reference facts
# (../shared/reference/libreswan/algorithms.json) and Libreswan's tagged sources.
#   python3 tools/build-algorithms.py [--repo PATH-TO-LIBRESWAN-GIT-DIR] [-o OUT]
import argparse, json, os, re, subprocess
HERE = os.path.dirname(os.path.abspath(__file__))
_args = argparse.ArgumentParser()
_args.add_argument('--repo', default=os.path.join(HERE, '../../.mirror/libreswan+libreswan/repo'))
_args.add_argument('-o', '--output', default=os.path.join(HERE, '../schemas/algorithms.json'))
ARGS = _args.parse_args()
REF = json.load(open(os.path.join(HERE, '../../shared/reference/libreswan/algorithms.json')))
REPO = ARGS.repo
V = ['4.10','4.12','4.15','5.0','5.1','5.2','5.3','5.4','latest']
ALL = V
FROM54 = ['5.4','latest']
BEFORE54 = V[:7]

not_ike = {'encrypt': {'AES_CCM_8','AES_CCM_12','AES_CCM_16','CAMELLIA_CTR','NULL','NULL_AUTH_AES_GMAC'},
           'integ': {'AES_CMAC_96','HMAC_SHA2_256_TRUNCBUG'}}
typemap = {'encrypt':'encrypt','prf':'prf','integ':'integ','dh':'ke','sn':'sn'}
out = []
for a in REF:
    if a['kind'] not in typemap: continue
    t = typemap[a['kind']]
    name = a['name']
    names = [name.lower()] + [n for n in a['aliases'] if n != name.lower()]
    ids = a['ike_alg_ids']
    rec = {'type': t, 'name': name, 'names': names, 'fips': bool(a['fips_approved'])}
    if t == 'encrypt':
        rec['aead'] = a['aead']
        rec['keyLengths'] = sorted(a['key_lengths'])
        rec['defaultKeyLength'] = a['default_key_length'] if a['key_length_allowed'] else None
        rec['keyLengthAllowed'] = a['key_length_allowed']
    rec['ikeImplemented'] = name not in not_ike.get(t, set())
    rec['ids'] = {'ikev1Ike': ids['IKEv1_OAKLEY_ID'] != '-1', 'ikev1Ipsec': ids['IKEv1_IPSEC_ID'] != '-1', 'ikev2': ids['IKEv2_ALG_ID'] != '-1'}
    if t == 'integ' and a.get('derived_from_prf'):
        prf = {'aes_xcbc':'AES_XCBC','hmac_md5':'HMAC_MD5','sha1':'HMAC_SHA1','sha2_256':'HMAC_SHA2_256','sha2_384':'HMAC_SHA2_384','sha2_512':'HMAC_SHA2_512'}[a['derived_from_prf']]
        rec['prf'] = prf
    # versions where a default build has it; optionalIn: defined but behind an off-by-default build flag
    present = ALL
    if 'v5.4' == a['present_in'][0]: present = FROM54
    if a.get('removed_after') == 'v5.4': present = BEFORE54 + ['5.4']
    if a['built_by_default']:
        rec['versions'] = present; rec['optionalIn'] = []
    else:
        rec['versions'] = []; rec['optionalIn'] = present
    if t == 'ke' and name in ('DH19','DH20','DH21','DH31'):
        # Before 5.4 the ECP and curve25519 groups had no IKEv1 ESP/AH (quick mode PFS) id.
        rec['overrides'] = [{'versions': BEFORE54, 'ids': {'ikev1Ipsec': False}}]
    out.append(rec)

# IANA names Libreswan knows (so it says "not supported" rather than "not recognized").
src = subprocess.run(['git','-C',REPO,'show','HEAD:lib/libswan/constants.c'],capture_output=True,text=True).stdout
allnames = re.findall(r'S\((\w+)\)', src)
def strip(prefixes, exclude=()):
    res = []
    for n in allnames:
        for p in prefixes:
            if n.startswith(p) and not any(n.startswith(e) for e in exclude):
                res.append(n[len(p):].lower())
    return res
hashes = ['md5','sha1','tiger','sha2_256','sha2_384','sha2_512']
known = {
  'encrypt': strip(['IKEv1_ESP_','IKEv2_ENCR_']) + [n for n in strip(['OAKLEY_'], ('OAKLEY_GROUP_',)) if n not in hashes and not n.startswith(('rsa','dss','ecdsa','eddsa','pre','xauth','hybrid','aes_')) or n.startswith('aes_')],
  'prf': hashes + strip(['IKEv2_PRF_']),
  'integ': hashes + strip(['AUTH_ALGORITHM_','IKEv2_INTEG_']),
  'ke': strip(['OAKLEY_GROUP_','IKEv2_KE_']),
  'sn': strip(['IKEv2_SN_']),
}
accepted = {}
for r in out:
    accepted.setdefault(r['type'], set()).update(r['names'])
JUNK = {'floor','roof','authentication_method','encryption_algorithm','field_size','hash_algorithm','key_length','life_duration','life_kilobytes','life_seconds','life_type','prf','curve_a','curve_b','description','generator_one','generator_two','order','prime','type','type_ec2n','type_ecp','type_modp','group_description','group_type','group_prime','group_order'}
known_unsupported = {}
for t, ns in known.items():
    keep = sorted(set(n for n in ns if n not in accepted.get(t,set()) and re.fullmatch(r'[a-z0-9_]+', n) and n not in JUNK))
    known_unsupported[t] = keep

G1 = ['4.10','4.12']; G2 = ['4.15']; G3 = ['5.0','5.1','5.2','5.3','5.4','latest']
def d(versions, **kw): return {'versions': versions, **kw}
old_v2 = 'AES_GCM_16_256,AES_GCM_16_128,AES_CBC_256,AES_CBC_128'
new_v2 = 'AES_GCM_16_256,AES_GCM_16_128,CHACHA20_POLY1305,AES_CBC_256,AES_CBC_128'
defaults = [
  d(G1+G2+G3, protocol='ike', ikeVersion=1, proposals={'normal':'AES_CBC,3DES','fips':'AES_CBC,3DES'}, transforms={'prf':['HMAC_SHA2_256','HMAC_SHA2_512','HMAC_SHA1']}),
  d(G1, protocol='ike', ikeVersion=1, transformsExtra=None),
]
defaults = []
def add(versions, protocol, ike, normal, fips, transforms):
    defaults.append({'versions': versions, 'protocol': protocol, 'ikeVersion': ike, 'proposals': {'normal': normal, 'fips': fips}, 'transforms': transforms})
v1prf = ['HMAC_SHA2_256','HMAC_SHA2_512','HMAC_SHA1']
add(G1, 'ike', 1, 'AES_CBC,3DES', 'AES_CBC,3DES', {'prf': v1prf, 'ke': ['MODP2048','MODP1536']})
add(G2+G3, 'ike', 1, 'AES_CBC,3DES', 'AES_CBC,3DES', {'prf': v1prf, 'ke': ['MODP2048','MODP1536','DH19','DH31']})
add(G1+G2, 'ike', 2, old_v2, old_v2, {'prf': ['HMAC_SHA2_512','HMAC_SHA2_256'], 'ke': ['MODP2048','MODP3072','MODP4096','MODP8192','DH19','DH20','DH21','DH31']})
add(G3, 'ike', 2, new_v2, old_v2, {'prf': ['HMAC_SHA2_512','HMAC_SHA2_256'], 'ke': ['DH19','DH20','DH21','DH31','MODP4096','MODP3072','MODP2048','MODP8192']})
add(G1, 'esp', 1, 'AES_CBC', 'AES_CBC', {'integ': ['HMAC_SHA1_96']})
v1esp = 'AES_CBC,AES_GCM_16_128,AES_GCM_16_256,3DES'
add(G2+G3, 'esp', 1, v1esp, v1esp, {'integ': ['HMAC_SHA1_96','HMAC_SHA2_512_256','HMAC_SHA2_256_128']})
add(G1+G2, 'esp', 2, old_v2, old_v2, {'integ': ['HMAC_SHA2_512_256','HMAC_SHA2_256_128']})
add(G3, 'esp', 2, new_v2, old_v2, {'integ': ['HMAC_SHA2_512_256','HMAC_SHA2_256_128']})
add(G1, 'ah', 1, 'SHA1_96', 'SHA1_96', {})
add(G2+G3, 'ah', 1, 'SHA1_96,SHA2_512,SHA2_256', 'SHA1_96,SHA2_512,SHA2_256', {})
add(G1+G2, 'ah', 2, 'SHA2_512_256,SHA2_256_128,SHA1_96', 'SHA2_512_256,SHA2_256_128,SHA1_96', {'integ': ['HMAC_SHA2_512_256','HMAC_SHA2_256_128']})
add(G3, 'ah', 2, 'SHA2_512_256,SHA2_256_128', 'SHA2_512_256,SHA2_256_128', {'integ': ['HMAC_SHA2_512_256','HMAC_SHA2_256_128']})

doc = {
  '$comment': 'Libreswan proposal algorithms per version. Facts gathered from the Libreswan sources (tags v4.10..v5.4, HEAD 0c4e3ecc = latest) and Debian 4.10 algparse tables; names: accepted spellings, lower case, matched case-insensitively. versions: releases whose default build has it; optionalIn: releases where it exists only behind an off-by-default build flag. ids: whether the algorithm has a wire id for IKEv1 IKE (Main/Aggressive mode), IKEv1 ESP/AH (quick mode) and IKEv2. ikeImplemented: usable for the IKE SA itself. knownUnsupportedNames: IANA names Libreswan knows but does not implement.',
  'versions': V,
  'algorithms': out,
  'knownUnsupportedNames': known_unsupported,
  'defaults': defaults,
}
json.dump(doc, open(ARGS.output, 'w'), indent=1)
print(len(out), {k: len(v) for k,v in known_unsupported.items()})
print(known_unsupported)
