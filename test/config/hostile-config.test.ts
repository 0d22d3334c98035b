import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { SourceSchema } from '../../src/config/schema.js';
import { discoverLinks } from '../../src/extract/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qcity-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: string | Buffer): string {
  const f = path.join(dir, `f${++n}.yaml`);
  writeFileSync(f, content);
  return f;
}

/** loadConfig as every command runs it at start-up; returns the ConfigError message (or fails). */
function loadError(opts: { config?: string; sources?: string; env?: NodeJS.ProcessEnv }): string {
  try {
    loadConfig({
      configFile: opts.config ?? file(''),
      sourcesFile: opts.sources ?? file(''),
      env: opts.env ?? {},
    });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

const source = (extra: string) =>
  `- id: liuzhou\n  name: 柳州\n  allowedHosts: [www.liuzhou.gov.cn]\n  startUrls: ['http://www.liuzhou.gov.cn/list/']\n${extra}`;

describe('configuration that used to pass validation and break the fleet', () => {
  it('a misspelt key anywhere is an error naming it and the closest known key', () => {
    const msg = loadError({ sources: file(source('  articlePatern: "/t\\\\d+"\n  maxListDepht: 2\n')) });
    expect(msg).toMatch(
      /sources\.0 \(source "liuzhou"\): .*unknown key "articlePatern" \(did you mean "articlePattern"\?\)/,
    );
    expect(msg).toMatch(/unknown key "maxListDepht" \(did you mean "maxListDepth"\?\)/);
    expect(loadError({ sources: file(`sourcse:\n${source('').replace(/^/gm, '  ')}`) })).toMatch(
      /\(root\): unknown key "sourcse" \(did you mean "sources"\?\)/,
    );
    expect(loadError({ config: file('http:\n  allowPrivateNetwork: [127.0.0.0/8]\n') })).toMatch(
      /http: unknown key "allowPrivateNetwork" \(did you mean "allowPrivateNetworks"\?\)/,
    );
    expect(
      loadError({ sources: file(source('  schedule: { cron: "0 0 6 * * *", tz: UTC, every: 60000 }\n')) }),
    ).toMatch(/sources\.0\.schedule \(source "liuzhou"\): unknown key "every" \(did you mean "everyMs"\?\)/);
  });

  it('cron and time zone are parsed at load (as BullMQ will), the error naming the source and field', () => {
    expect(loadError({ sources: file(source("  schedule: { cron: 'every day at six' }\n")) })).toMatch(
      /sources\.0\.schedule\.cron \(source "liuzhou"\): not a cron pattern "every day at six": Invalid characters/,
    );
    expect(
      loadError({ sources: file(source("  schedule: { cron: '0 0 6 * * *', tz: Mars/Olympus }\n")) }),
    ).toMatch(/sources\.0\.schedule\.tz \(source "liuzhou"\): unknown time zone "Mars\/Olympus"/);
    expect(loadError({ sources: file(source("  schedule: { cron: '0 61 6 * * *' }\n")) })).toMatch(
      /schedule\.cron .*expected range 0-59/,
    );
    const ok = loadConfig({
      configFile: file(''),
      sourcesFile: file(source("  schedule: { cron: '0 30 6 * * *' }\n")),
      env: {},
    });
    expect(ok.sources[0]!.schedule).toEqual({ cron: '0 30 6 * * *', tz: 'Asia/Shanghai' });
  });

  it('a sources file that is not YAML text is refused, not read as zero sources', () => {
    const binary = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    ]);
    expect(loadError({ sources: file(binary) })).toMatch(/is not YAML text \(a NUL byte at offset 8\)/);
    expect(loadError({ sources: file(Buffer.from([0x73, 0x3a, 0x20, 0xff, 0xfe, 0x41])) })).toMatch(
      /is not YAML text/,
    );
    expect(loadError({ sources: file('just some words\n') })).toMatch(
      /must hold a YAML mapping or a list of sources, not a string/,
    );
  });

  it('a backtracking articlePattern cannot stall discovery; patterns RE2 cannot run are refused at load', () => {
    const src = SourceSchema.parse({
      id: 's',
      name: 's',
      allowedHosts: ['127.0.0.1:8080'],
      articlePattern: '(a+)+$',
    });
    const list = (path: string) =>
      `<html><body><ul><li><a href="${path}">新闻标题很长的一条</a></li></ul></body></html>`;
    // With a backtracking engine this link takes seconds (doubling per extra 'a'); RE2 takes microseconds.
    let t = performance.now();
    discoverLinks(list(`/${'a'.repeat(25)}!`), 'http://127.0.0.1:8080/list/', src);
    expect(performance.now() - t).toBeLessThan(250);
    t = performance.now();
    const found = discoverLinks(list(`/${'a'.repeat(40)}`), 'http://127.0.0.1:8080/list/', src);
    discoverLinks(list(`/${'a'.repeat(5000)}!`), 'http://127.0.0.1:8080/list/', src);
    expect(performance.now() - t).toBeLessThan(250);
    expect(found.articles).toEqual([`http://127.0.0.1:8080/${'a'.repeat(40)}`]);
    // A link longer than the matched-URL cap is never an article.
    expect(discoverLinks(list(`/${'a'.repeat(3000)}`), 'http://127.0.0.1:8080/list/', src).articles).toEqual(
      [],
    );
    expect(loadError({ sources: file(source("  articlePattern: '(?=x)a'\n")) })).toMatch(
      /sources\.0\.articlePattern \(source "liuzhou"\): not a usable pattern .*lookaround/,
    );
  });

  it('QCITY_ALLOW_PRIVATE is a list of addresses / CIDR ranges, refused at start-up naming the variable', () => {
    for (const bad of ['1', 'abc', '127.0.0.1/33', '127.0.0.0/8,0x7f.1']) {
      expect(loadError({ env: { QCITY_ALLOW_PRIVATE: bad } }), bad).toMatch(
        /http\.allowPrivateNetworks\.\d: not an IP address or CIDR range: .* \(set by QCITY_ALLOW_PRIVATE\?\)/,
      );
    }
    const cfg = loadConfig({
      configFile: file(''),
      sourcesFile: file(''),
      env: { QCITY_ALLOW_PRIVATE: '127.0.0.0/8, ::1,10.1.2.3' },
    });
    expect(cfg.http.allowPrivateNetworks).toEqual(['127.0.0.0/8', '::1', '10.1.2.3']);
  });
});
