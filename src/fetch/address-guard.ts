import type { LookupAddress, LookupOptions } from 'node:dns';
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [Addr, number];

/** Parses http.allowPrivateNetworks; a bare address means just that address. */
export function parseCidrList(list: readonly string[]): Cidr[] {
  return list.map((entry) => {
    if (entry.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(entry);
      return [
        normalise(addr),
        addr.kind() === 'ipv6' && normalise(addr).kind() === 'ipv4' ? bits - 96 : bits,
      ];
    }
    const addr = normalise(ipaddr.parse(entry));
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  });
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it really reaches. */
function normalise(addr: Addr): Addr {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr;
}

/** The IPv4 address embedded in NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses. */
function embeddedIPv4(addr: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = addr.parts;
  if (range === 'rfc6052') return new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  if (range === '6to4') return new ipaddr.IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
  return null;
}

/**
 * Whether an address is publicly routable. Only ipaddr.js's 'unicast' range counts; that excludes private,
 * loopback, link-local (169.254.169.254 metadata), CGNAT (100.100.100.200 metadata), unique-local
 * (fd00:ec2::254 metadata), multicast, broadcast, unspecified and reserved/documentation ranges.
 * IPv6 must also be global unicast (2000::/3).
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const addr = normalise(ipaddr.parse(ip));
  const range = addr.range();
  if (addr.kind() === 'ipv4') return range === 'unicast';
  const v6 = addr as ipaddr.IPv6;
  const inner = embeddedIPv4(v6, range);
  if (inner) return isPublicAddress(inner.toString());
  return range === 'unicast' && (v6.parts[0]! & 0xe000) === 0x2000;
}

/** Public, or inside one of the explicitly allowed private ranges. */
export function isAddressAllowed(ip: string, allow: readonly Cidr[]): boolean {
  if (!ipaddr.isValid(ip)) return false;
  if (isPublicAddress(ip)) return true;
  const addr = normalise(ipaddr.parse(ip));
  return allow.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/** Raised from inside the socket's DNS lookup so the refused address is never connected to. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'QCITY_PRIVATE_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly addresses: string[],
  ) {
    super(
      `${hostname} resolves only to non-public addresses (${addresses.join(', ')}) not listed in http.allowPrivateNetworks`,
    );
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect that resolves, drops every address the policy refuses, and hands the socket
 * only the survivors; the check and the connection therefore use the same answer (no DNS-rebinding window).
 * Handles both call shapes Node uses: `all: true` (autoSelectFamily) and a single address.
 */
export function guardedLookup(allow: readonly Cidr[], resolve: typeof dns.lookup = dns.lookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const ok = list.filter((a) => isAddressAllowed(a.address, allow));
      if (ok.length === 0) {
        return callback(
          new PrivateAddressError(
            hostname,
            list.map((a) => a.address),
          ) as unknown as NodeJS.ErrnoException,
          '',
        );
      }
      if (options.all) return callback(null, ok);
      const first = ok[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** The hostname of a URL as an IP address, if it is an IP literal (brackets stripped). */
export function ipLiteral(url: URL): string | null {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return net.isIP(h) ? h : null;
}
