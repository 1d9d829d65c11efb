import { BlockList, isIP } from 'node:net';

// IPv4 ranges that are not public unicast: RFC 6890's special-purpose registry, minus the few
// entries that are globally reachable. Anything the image proxy could reach here is on the server's
// own machine or network (including cloud metadata at 169.254.169.254), not the sender's host.
// https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
const V4_SPECIAL: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated, RFC 7526)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

// IPv6 inside global unicast (2000::/3) that is still not public; everything outside 2000::/3 is
// refused by prefix (loopback, unspecified, fc00::/7, fe80::/10, ff00::/8 …), except the forms
// that embed an IPv4 address, which are judged by that address (see embeddedV4).
// https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml
const V6_SPECIAL: [string, number][] = [
  ['2001::', 32], // Teredo: tunnels to any IPv4 address; obsolete, so refused outright
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID (deprecated)
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
];

const v4Blocked = new BlockList();
for (const [net, bits] of V4_SPECIAL) v4Blocked.addSubnet(net, bits, 'ipv4');
const v6Blocked = new BlockList();
for (const [net, bits] of V6_SPECIAL) v6Blocked.addSubnet(net, bits, 'ipv6');

/**
 * Whether `ip` (a literal IPv4 or IPv6 address) is a public unicast address: one the image proxy
 * may connect to. Anything else, including text that is not an address, is refused.
 * SECURITY.md §4 (the image proxy is an SSRF surface).
 */
export function isPublicAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 4) return !v4Blocked.check(ip, 'ipv4');
  // A zone (fe80::1%eth0) only ever goes with link-local addresses.
  if (version !== 6 || ip.includes('%')) return false;
  const words = ipv6Words(ip);
  // Embedded IPv4 is judged here rather than left to BlockList: Node 20's matches ::ffff:a.b.c.d
  // against IPv4 rules but not ::a.b.c.d, 64:ff9b::a.b.c.d or 2002:… forms, and that is not documented.
  const v4 = embeddedV4(words);
  if (v4 !== undefined) return v4 !== null && isPublicAddress(v4);
  return words[0]! >= 0x2000 && words[0]! < 0x4000 && !v6Blocked.check(ip, 'ipv6');
}

/**
 * The IPv4 address an IPv6 address stands for, so ::ffff:127.0.0.1 is judged as 127.0.0.1:
 * IPv4-mapped (::ffff:0:0/96, which a dual-stack socket connects to as IPv4), NAT64 (64:ff9b::/96,
 * RFC 6052) and 6to4 (2002::/16, RFC 3056). Null for IPv4-compatible (::/96 except :: and ::1,
 * deprecated by RFC 4291 and never a real destination); undefined when none is embedded.
 */
function embeddedV4(w: number[]): string | null | undefined {
  const zero = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  if (zero(0, 5) && w[5] === 0xffff) return quad(w[6]!, w[7]!);
  if (w[0] === 0x64 && w[1] === 0xff9b && zero(2, 6)) return quad(w[6]!, w[7]!);
  if (w[0] === 0x2002) return quad(w[1]!, w[2]!);
  // :: and ::1 fall through to the prefix rule, which refuses them.
  if (zero(0, 6) && (w[6] !== 0 || w[7]! > 1)) return null;
  return undefined;
}

/** The eight 16-bit words of an IPv6 address that `isIP` accepted (a dotted tail included). */
function ipv6Words(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const words = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  if (tail === undefined) return words(head);
  const left = words(head);
  const right = words(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
