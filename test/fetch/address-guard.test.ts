import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  guardedLookup,
  ipLiteral,
  isAddressAllowed,
  isPublicAddress,
  PrivateAddressError,
  parseCidrList,
} from '../../src/fetch/address-guard.js';

describe('isPublicAddress', () => {
  const refused = [
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.9.10',
    '0.0.0.0',
    '169.254.169.254', // AWS/GCP/Azure metadata
    '100.100.100.200', // Alibaba Cloud metadata (CGNAT range)
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '240.0.0.1',
    '::',
    '::1',
    'fe80::1',
    'fd00:ec2::254', // AWS IPv6 metadata
    'fc00::1',
    'ff02::1',
    '::ffff:10.0.0.1', // IPv4-mapped private
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:a00:1::', // 6to4 of 10.0.0.1
    '2001:db8::1', // documentation
    'not an ip',
  ];
  const allowed = [
    '1.1.1.1',
    '114.114.114.114',
    '202.108.22.5',
    '2400:3200::1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ];
  for (const ip of refused) it(`refuses ${ip}`, () => expect(isPublicAddress(ip)).toBe(false));
  for (const ip of allowed) it(`allows ${ip}`, () => expect(isPublicAddress(ip)).toBe(true));
});

describe('isAddressAllowed with http.allowPrivateNetworks', () => {
  it('admits only the listed ranges', () => {
    const allow = parseCidrList(['127.0.0.0/8', '::1', '10.1.0.0/16']);
    expect(isAddressAllowed('127.0.0.1', allow)).toBe(true);
    expect(isAddressAllowed('::1', allow)).toBe(true);
    expect(isAddressAllowed('::ffff:127.0.0.1', allow)).toBe(true);
    expect(isAddressAllowed('10.1.2.3', allow)).toBe(true);
    expect(isAddressAllowed('10.2.0.1', allow)).toBe(false);
    expect(isAddressAllowed('169.254.169.254', allow)).toBe(false);
    expect(isAddressAllowed('8.8.8.8', allow)).toBe(true);
  });
  it('an empty list refuses every private address', () => {
    expect(isAddressAllowed('127.0.0.1', [])).toBe(false);
  });
});

describe('guardedLookup', () => {
  const answers: Record<string, LookupAddress[]> = {
    'mixed.test': [
      { address: '10.0.0.5', family: 4 },
      { address: '93.184.216.34', family: 4 },
    ],
    'private.test': [
      { address: '169.254.169.254', family: 4 },
      { address: 'fd00:ec2::254', family: 6 },
    ],
  };
  // Stands in for dns.lookup: the guard's own logic is what is under test, not the resolver.
  const resolver = ((host: string, _opts: unknown, cb: (e: Error | null, a: LookupAddress[]) => void) =>
    cb(null, answers[host] ?? [])) as never;
  const lookup = guardedLookup([], resolver);
  const call = (host: string, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      lookup(host, { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it('hands the socket only public addresses (all: true, as autoSelectFamily asks)', async () => {
    const r = await call('mixed.test', true);
    expect(r.err).toBeNull();
    expect(r.address).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });
  it('answers the single-address call shape too', async () => {
    const r = await call('mixed.test', false);
    expect(r).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
  });
  it('fails with PrivateAddressError when nothing public is left', async () => {
    const r = await call('private.test', true);
    expect(r.err).toBeInstanceOf(PrivateAddressError);
    expect(r.err?.message).toContain('169.254.169.254');
    expect((r.err as PrivateAddressError).code).toBe('QCITY_PRIVATE_ADDRESS');
  });
});

describe('ipLiteral', () => {
  it('recognises IPv4 and bracketed IPv6 hosts, including WHATWG-normalised forms', () => {
    expect(ipLiteral(new URL('http://10.0.0.1/'))).toBe('10.0.0.1');
    expect(ipLiteral(new URL('http://[fd00:ec2::254]/'))).toBe('fd00:ec2::254');
    expect(ipLiteral(new URL('http://2130706433/'))).toBe('127.0.0.1');
    expect(ipLiteral(new URL('http://0x7f.1/'))).toBe('127.0.0.1');
    expect(ipLiteral(new URL('http://www.gov.cn/'))).toBeNull();
  });
});
