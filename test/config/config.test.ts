import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { configFlag } from '../../src/cli/options.js';
import { ConfigError, loadConfig, parseConfig, shippedConfigDir } from '../../src/config/load.js';
import { indicatorTables, loadSettings } from '../../src/settings.js';

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
    const shipped = YAML.parse(readFileSync(path.join(shippedConfigDir, 'sources.yaml'), 'utf8'));
    const ids = (Array.isArray(shipped) ? shipped : shipped.sources).map((s: { id: string }) => s.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(cfg.sources.map((s) => s.id)).toEqual(ids);
    expect(cfg.politeness.minDelayMs).toBe(2000); // config/default.yaml's, not the schema's 1000
    expect(cfg.configDir).toBe(shippedConfigDir);
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

  it('reads every config file from the folder QCITY_CONFIG names, and validates them all at start-up', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qcity-config-'));
    try {
      writeFileSync(path.join(dir, 'default.yaml'), 'worker: { concurrency: 3 }\n');
      writeFileSync(
        path.join(dir, 'sources.yaml'),
        'sources: [{ id: own, name: Own, allowedHosts: [a.gov.cn], startUrls: ["http://A.gov.cn/list#x"] }]\n',
      );
      const metric = (match: string) =>
        `metrics: [{ id: own.metric, name: { zh: 自有, en: Own }, unit: '%', kind: percent, definition: d, match: "${match}" }]\n`;
      writeFileSync(path.join(dir, 'metrics.yaml'), metric('合格率'));
      const cfg = loadSettings({ env: { QCITY_CONFIG: dir } });
      expect(cfg.configDir).toBe(dir);
      expect(cfg.worker.concurrency).toBe(3);
      // URLs enter canonical: the one spelling the whole crawl uses.
      expect(cfg.sources.map((s) => [s.id, s.startUrls])).toEqual([['own', ['http://a.gov.cn/list']]]);
      // The folder's own catalogue (with its derived growth/change metrics); the shipped gazetteer.
      const tables = indicatorTables(cfg.configDir);
      expect(tables.catalogue.metrics.map((m) => m.id)).toEqual([
        'own.metric',
        'own.metric.growth',
        'own.metric.change',
      ]);
      expect(tables.gazetteer).toEqual(indicatorTables(shippedConfigDir).gazetteer);

      writeFileSync(path.join(dir, 'metrics.yaml'), metric('(['));
      expect(() => loadSettings({ env: { QCITY_CONFIG: dir } })).toThrow(ConfigError);
      expect(() => loadSettings({ env: { QCITY_CONFIG: dir } })).toThrow(
        new RegExp(
          `invalid configuration \\(${path.join(dir, 'metrics.yaml')}[^]*not a usable pattern[^]*metrics\\[0\\]\\.match`,
        ),
      );
      writeFileSync(path.join(dir, 'metrics.yaml'), metric('合格率'));
      writeFileSync(path.join(dir, 'cities.yaml'), 'cities: [{ name: 柳州, province: 广西 }]\n');
      expect(() => loadSettings({ env: { QCITY_CONFIG: dir } })).toThrow(
        new RegExp(`${path.join(dir, 'cities.yaml')}[^]*provinces`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates command-line numbers with the config schema, naming field and flag', () => {
    const flags = (raw: string) => configFlag('worker.concurrency', '--concurrency', raw);
    expect(loadConfig({ ...none, env: {}, flags: flags('16') }).worker.concurrency).toBe(16);
    expect(() => loadConfig({ ...none, env: {}, flags: flags('0') })).toThrow(
      /worker\.concurrency: Too small.*\(set by --concurrency\?\)/,
    );
    expect(() => loadConfig({ ...none, env: {}, flags: flags('8x') })).toThrow(
      /worker\.concurrency: .*NaN.*\(set by --concurrency\?\)/,
    );
  });
});
