import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.js';

// One address at each end of every refused range, so an off-by-one prefix length would show.
const REFUSED: Record<string, string[]> = {
  'unspecified 0.0.0.0/8': ['0.0.0.0', '0.255.255.255'],
  'private 10/8': ['10.0.0.0', '10.255.255.255'],
  'CGNAT 100.64/10': ['100.64.0.0', '100.127.255.255'],
  'loopback 127/8': ['127.0.0.1', '127.255.255.254'],
  'link-local 169.254/16, cloud metadata': ['169.254.0.1', '169.254.169.254', '169.254.255.255'],
  'private 172.16/12': ['172.16.0.0', '172.31.255.255'],
  'IETF protocol assignments 192.0.0/24': ['192.0.0.0', '192.0.0.255'],
  'documentation 192.0.2/24': ['192.0.2.0', '192.0.2.255'],
  '6to4 relay 192.88.99/24': ['192.88.99.1'],
  'private 192.168/16': ['192.168.0.0', '192.168.255.255'],
  'benchmarking 198.18/15': ['198.18.0.0', '198.19.255.255'],
  'documentation 198.51.100/24': ['198.51.100.0', '198.51.100.255'],
  'documentation 203.0.113/24': ['203.0.113.0', '203.0.113.255'],
  'multicast 224/4': ['224.0.0.1', '239.255.255.255'],
  'reserved 240/4 and broadcast': ['240.0.0.0', '255.255.255.255'],
  'IPv6 loopback and unspecified': ['::1', '::', '0:0:0:0:0:0:0:1'],
  'unique local fc00::/7': ['fc00::', 'fd12:3456::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  'link-local fe80::/10': ['fe80::1', 'febf::1', 'fe80::1%eth0'],
  'multicast ff00::/8': ['ff02::1', 'ff0e::1'],
  'documentation 2001:db8::/32 and 3fff::/20': ['2001:db8::1', '2001:db8:ffff::1', '3fff::1'],
  'Teredo 2001::/32, benchmarking, ORCHID': ['2001::1', '2001:0:4136:e378::1', '2001:2::1', '2001:10::1', '2001:20::1'],
  'outside global unicast 2000::/3': ['100::1', '1fff::1', '4000::1', 'fec0::1'],
  'IPv4-mapped forms': [
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::FFFF:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::ffff:10.1.2.3',
  ],
  'IPv4-mapped with the zeros written out': ['0:0:0:0:0:ffff:127.0.0.1', '0:0:0:0:0:ffff:c0a8:101'],
  'IPv4-compatible forms (deprecated, refused whatever they embed)': ['::127.0.0.1', '::10.0.0.1', '::8.8.8.8'],
  'NAT64 64:ff9b::/96 of private addresses': ['64:ff9b::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::192.168.1.1'],
  'local-use NAT64 64:ff9b:1::/48': ['64:ff9b:1::8.8.8.8'],
  '6to4 2002::/16 of private addresses': ['2002:7f00:1::', '2002:c0a8:101::1', '2002:a9fe:a9fe::'],
  'not an address': ['', 'localhost', 'example.com', '1.2.3', '[::1]', '127.0.0.1:80'],
};

const ALLOWED = [
  '8.8.8.8',
  '1.1.1.1',
  '9.255.255.255', // just below 10/8
  '11.0.0.0', // just above 10/8
  '100.63.255.255', // just below 100.64/10
  '100.128.0.0', // just above it
  '172.15.255.255', // just below 172.16/12
  '172.32.0.0', // just above it
  '192.0.1.1',
  '198.17.255.255',
  '198.20.0.0',
  '223.255.255.255', // last before multicast
  '2606:4700:4700::1111',
  '2a00:1450:4001:82b::2004',
  '2001:4860:4860::8888', // inside 2001::/16, outside Teredo's 2001::/32
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::8.8.8.8', // NAT64 of a public address: what DNS64 gives for an IPv4-only host
  '2002:808:808::1', // 6to4 of a public address
];

describe('isPublicAddress', () => {
  for (const [range, addresses] of Object.entries(REFUSED))
    it(`refuses ${range}`, () => {
      for (const ip of addresses) expect(isPublicAddress(ip), ip).toBe(false);
    });

  it('accepts public unicast addresses, mapped and translated forms of them included', () => {
    for (const ip of ALLOWED) expect(isPublicAddress(ip), ip).toBe(true);
  });
});
