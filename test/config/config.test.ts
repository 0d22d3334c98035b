import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js';

const none = { sourcesFile: '/dev/null', configFile: '/dev/null' };

describe('configuration', () => {
  it('fills every default from an empty config', () => {
    const cfg = parseConfig({});
    expect(cfg.http.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(cfg.http.timeouts).toEqual({ connectMs: 10_000, headersMs: 15_000, bodyMs: 30_000 });
    expect(cfg.http.allowPrivateNetworks).toEqual([]);
  });

  it('loads the shipped config files', () => {
    const cfg = loadConfig({ env: {} });
    expect(cfg.sources.length).toBeGreaterThan(0);
    expect(cfg.politeness.maxConcurrentPerHost).toBeGreaterThan(0);
  });

  it('names the field of a bad environment value', () => {
    expect(() => loadConfig({ ...none, env: { QCITY_WORKER_CONCURRENCY: 'lots' } })).toThrow(
      /worker\.concurrency: .*\(set by QCITY_WORKER_CONCURRENCY\?\)/,
    );
    expect(() => loadConfig({ ...none, env: { MONGO_URL: 'http://localhost' } })).toThrow(
      /mongo\.url: must start with mongodb:\/\//,
    );
  });

  it('names the field of a bad file or override value', () => {
    const err = (() => {
      try {
        loadConfig({
          ...none,
          env: {},
          overrides: { http: { maxBodyBytes: 10, timeouts: { connectMs: -1 } } },
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toMatch(/http\.maxBodyBytes/);
    expect(err?.message).toMatch(/http\.timeouts\.connectMs/);
  });

  it('rejects a source whose start URL is on a host it does not allow, and duplicate ids', () => {
    const src = {
      id: 'a',
      name: 'A',
      allowedHosts: ['example.gov.cn'],
      startUrls: ['http://other.gov.cn/list/'],
    };
    expect(() => parseConfig({ sources: [src] })).toThrow(/sources\.0\.allowedHosts: .*other\.gov\.cn/);
    const ok = { ...src, startUrls: ['http://example.gov.cn/list/'] };
    expect(() => parseConfig({ sources: [ok, ok] })).toThrow(/sources\.1\.id: duplicate source id "a"/);
  });

  it('rejects an article pattern that is not a regular expression', () => {
    const src = { id: 'a', name: 'A', allowedHosts: ['example.gov.cn'], articlePattern: '([' };
    expect(() => parseConfig({ sources: [src] })).toThrow(
      /sources\.0\.articlePattern \(source "a"\): not a usable pattern/,
    );
  });

  it('environment wins over files', () => {
    const cfg = loadConfig({
      sourcesFile: '/dev/null',
      env: { REDIS_URL: 'redis://10.1.2.3:6380', MONGO_DB: 'x_y' },
    });
    expect(cfg.redis.url).toBe('redis://10.1.2.3:6380');
    expect(cfg.mongo.db).toBe('x_y');
  });
});
