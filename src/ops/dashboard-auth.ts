import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import basicAuth from 'basic-auth';
import type { RequestHandler } from 'express';
import ipaddr from 'ipaddr.js';
import type { Config } from '../config/schema.js';

export interface DashboardCredentials {
  user: string;
  password: string;
}

/** A password of at least this length is required; anything shorter is refused at start-up. */
export const MIN_PASSWORD_LENGTH = 12;

export class DashboardAuthError extends Error {
  override name = 'DashboardAuthError';
}

/** The configured credentials: QCITY_DASHBOARD_PASSWORD, else the first line of the secret file. */
export function dashboardCredentials(ops: Config['ops']): DashboardCredentials | null {
  let password = ops.dashboardPassword;
  if (password === undefined && ops.dashboardPasswordFile !== undefined) {
    try {
      password = readFileSync(ops.dashboardPasswordFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw new DashboardAuthError(
        `cannot read the dashboard password file ${ops.dashboardPasswordFile} (QCITY_DASHBOARD_PASSWORD_FILE): ${(err as Error).message}`,
      );
    }
  }
  if (password === undefined) return null;
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DashboardAuthError(
      `the dashboard password is shorter than ${MIN_PASSWORD_LENGTH} characters (QCITY_DASHBOARD_PASSWORD or QCITY_DASHBOARD_PASSWORD_FILE)`,
    );
  }
  return { user: ops.dashboardUser, password };
}

/** Loopback only: `localhost` or an address in 127.0.0.0/8 / ::1. `0.0.0.0`, `::` and names are beyond. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (!ipaddr.isValid(h)) return false;
  const addr = ipaddr.parse(h);
  const v4 = addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress();
  return (v4 ? (addr as ipaddr.IPv6).toIPv4Address() : addr).range() === 'loopback';
}

/** The dashboard may listen on `host` only with credentials, unless `host` is loopback. */
export function assertMayListen(host: string, credentials: DashboardCredentials | null): void {
  if (credentials || isLoopbackHost(host)) return;
  throw new DashboardAuthError(
    `refusing to serve the dashboard on ${host} without credentials: set QCITY_DASHBOARD_PASSWORD (or QCITY_DASHBOARD_PASSWORD_FILE, e.g. a compose secret) and optionally QCITY_DASHBOARD_USER, or listen on 127.0.0.1`,
  );
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * HTTP Basic authentication for every request. basic-auth parses the header; user and password are
 * compared in constant time over SHA-256 digests (equal lengths, so the length of the secret leaks nothing).
 */
export function requireBasicAuth(credentials: DashboardCredentials): RequestHandler {
  const user = digest(credentials.user);
  const password = digest(credentials.password);
  return (req, res, next) => {
    const given = basicAuth(req);
    // Both comparisons always run: which one failed must not show in the timing either.
    const userOk = timingSafeEqual(digest(given?.name ?? ''), user);
    const passwordOk = timingSafeEqual(digest(given?.pass ?? ''), password);
    if (given && userOk && passwordOk) return next();
    res.set('WWW-Authenticate', 'Basic realm="qcity-ingest dashboard", charset="UTF-8"');
    res.status(401).send('authentication required');
  };
}
