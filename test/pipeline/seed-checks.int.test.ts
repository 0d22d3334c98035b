import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, shippedConfigDir } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { analyse, importSeeds, type SeedReport } from '../../src/pipeline/index.js';
import { indicatorTables } from '../../src/settings.js';
import { Store } from '../../src/store/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';
import { fixtureConfig } from './helpers.js';

const run = promisify(execFile);
const tables = indicatorTables(shippedConfigDir);
const text = (n: number) =>
  `质量强市第${n}号通报\n\n发布日期：2023-06-0${n} 09:00\n\n` +
  `柳州市深入实施质量强市战略，第${n}批重点产品质量监督抽查合格率达到98.${n}%，全市新增国家级质量标杆企业${n + 2}家。\n\n` +
  `下一步，市市场监管局将继续加强质量基础设施建设，推动制造业高质量发展。\n`;
/** The name our own hash gives a text. */
const honest = (rank: string, body: string) =>
  `${rank}_${analyse({ kind: 'text', text: body }, { url: 'seed:x', tables }).record.contentHash}.txt`;

describe('`qcity seed` checks every file, reports each, and goes on', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qcity-seedcheck-'));
  const db = uniqueName('test_seed_checks');
  const config = fixtureConfig([], { mongo: { url: mongoUrl(), db } });
  const files: Record<string, string> = {};

  beforeAll(() => {
    files.good = honest('000', text(1));
    writeFileSync(path.join(dir, files.good), text(1));
    // The issue's file: a name whose hash the text does not have.
    files.misnamed = '001_0123456789abcdef.txt';
    writeFileSync(path.join(dir, files.misnamed), text(2));
    files.binary = '002_00000000000000b1.txt';
    writeFileSync(
      path.join(dir, files.binary),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xd8]),
    );
    files.nuls = '003_00000000000000b2.txt';
    writeFileSync(path.join(dir, files.nuls), Buffer.alloc(64));
    files.empty = '004_00000000000000e0.txt';
    writeFileSync(path.join(dir, files.empty), '');
    files.link = '005_00000000000000f1.txt';
    symlinkSync('/etc/passwd', path.join(dir, files.link));
    // A directory named like a seed aborted the whole import with an EISDIR naming no file.
    files.dir = '006_00000000000000d1.txt';
    mkdirSync(path.join(dir, files.dir));
    files.gbk = '007_00000000000000c1.txt';
    writeFileSync(path.join(dir, files.gbk), Buffer.from([0xd6, 0xca, 0xc1, 0xbf, 0xc7, 0xbf, 0xca, 0xd0]));
    files.blank = '008_00000000000000c2.txt';
    writeFileSync(path.join(dir, files.blank), ' \n\n\u3000\n');
    // 50 MB: once 2.97 GB of RSS, a RangeError and a pages row without its document.
    files.huge = '009_00000000000000a1.txt';
    writeFileSync(path.join(dir, files.huge), Buffer.alloc(50 * 1024 * 1024, '质量强市。'));
    files.utf16 = honest('010', text(3));
    writeFileSync(
      path.join(dir, files.utf16),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(3), 'utf16le')]),
    );
    files.last = honest('011', text(4));
    writeFileSync(path.join(dir, files.last), text(4));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const store = await Store.connect(config, silentLogger);
    await store.db.dropDatabase();
    await store.close();
  });

  it('imports the text files, skips every other with its reason, and leaves no row for a skipped one', async () => {
    const store = await Store.connect(config, silentLogger);
    await store.migrate();
    const told: SeedReport[] = [];
    try {
      const started = performance.now();
      const reports = await importSeeds(store, dir, {
        tables,
        maxFileBytes: config.seed.maxFileBytes,
        onFile: (r) => told.push(r),
      });
      // The 50 MB file is refused by its size, never read.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(told).toEqual(reports);
      const by = Object.fromEntries(reports.map((r) => [r.file, r]));
      expect(reports.map((r) => r.file)).toEqual(Object.values(files).sort());
      const imported = (f: string) => by[f]!;
      const reason = (f: string) => (by[f]?.status === 'skipped' ? by[f].reason : `imported: ${f}`);

      const clean = { status: 'imported', result: { outcome: 'new' }, notices: [] };
      expect(imported(files.good!)).toMatchObject(clean);
      expect(imported(files.last!)).toMatchObject(clean);
      expect(imported(files.utf16!)).toMatchObject(clean);
      expect(imported(files.misnamed!)).toMatchObject({
        status: 'imported',
        result: { outcome: 'new' },
        notices: [expect.stringMatching(/^the name's hash 0123456789abcdef is not the text's [0-9a-f]{16}/)],
      });
      expect(reason(files.binary!)).toBe('not UTF-8 text');
      expect(reason(files.nuls!)).toBe('binary: 64 control characters');
      expect(reason(files.empty!)).toBe('empty');
      expect(reason(files.link!)).toBe('a symbolic link (not followed)');
      expect(reason(files.dir!)).toBe('a directory');
      expect(reason(files.gbk!)).toBe('not UTF-8 text');
      expect(reason(files.blank!)).toMatch(/^EMPTY_BODY: /);
      expect(reason(files.huge!)).toBe(
        `52428800 bytes, over seed.maxFileBytes (${config.seed.maxFileBytes})`,
      );

      // Stored: the four imported texts, each with its document; nothing at all for a skipped file.
      const stored = [files.good, files.misnamed, files.utf16, files.last].map((f) => `seed:${f}`).sort();
      const urls = async (name: string) =>
        (
          await store.db
            .collection(name)
            .find({}, { projection: { url: 1 } })
            .toArray()
        )
          .map((d) => d.url)
          .sort();
      expect(await urls('documents')).toEqual(stored);
      expect(await urls('pages')).toEqual(stored);
      const utf16 = await store.cols.pages.findOne({ url: `seed:${files.utf16}` });
      expect(utf16).toMatchObject({ encoding: 'utf-16le' });
    } finally {
      await store.close();
    }
  });

  it('prints one line per file as the CLI goes, the totals, and exits 1 when a file was skipped', async () => {
    const env = {
      ...process.env,
      REDIS_URL: redisUrl(),
      MONGO_URL: mongoUrl(),
      MONGO_DB: uniqueName('test_seed_cli'),
    };
    const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'seed', dir], {
      cwd: projectRoot,
      env: { ...env, LOG_LEVEL: 'warn' },
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    try {
      expect(res.code).toBe(1);
      const lines = res.stdout.trim().split('\n');
      expect(lines.slice(0, -1).map((l) => l.split('\t').slice(0, 2))).toEqual(
        Object.values(files)
          .sort()
          .map((f) => [
            f,
            [files.good, files.misnamed, files.utf16, files.last].includes(f) ? 'imported' : 'skipped',
          ]),
      );
      expect(lines.find((l) => l.startsWith(files.dir!))).toBe(`${files.dir}\tskipped\ta directory`);
      expect(lines.find((l) => l.startsWith(files.misnamed!))).toMatch(
        /\timported\tnew\tdocument \S+ v1\tnotice: the name's hash/,
      );
      expect(lines.at(-1)).toBe(`4 seed files imported from ${dir}, 8 skipped`);
    } finally {
      const store = await Store.connect(
        { ...config, mongo: { ...config.mongo, db: env.MONGO_DB } },
        silentLogger,
      );
      await store.db.dropDatabase();
      await store.close();
    }
  });
});
