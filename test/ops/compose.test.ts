import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const compose = YAML.parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, { ports?: string[]; environment?: Record<string, string> }>;
};

describe('docker-compose.yml', () => {
  it('publishes ports on the host loopback only', () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => [name, String(p)] as const),
    );
    expect(published.length).toBeGreaterThan(0);
    for (const [name, port] of published) expect(port, name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it('hands the dashboard its credentials and read-only switch from the environment or a secret file', () => {
    const env = compose.services.dashboard!.environment!;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'QCITY_DASHBOARD_USER',
        'QCITY_DASHBOARD_PASSWORD',
        'QCITY_DASHBOARD_PASSWORD_FILE',
        'QCITY_DASHBOARD_READ_ONLY',
      ]),
    );
    // Passed through from the caller's environment, never written into the file.
    expect(env.QCITY_DASHBOARD_PASSWORD).toMatch(/^\$\{QCITY_DASHBOARD_PASSWORD:-\}$/);
  });
});
