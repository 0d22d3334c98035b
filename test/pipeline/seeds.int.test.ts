import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { Store } from '../../src/store/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';
import { fixtureConfig } from './helpers.js';

const run = promisify(execFile);
const seedDir = path.join(projectRoot, 'seeds');
const db = uniqueName('test_seed_cli');
const env = { ...process.env, REDIS_URL: redisUrl(), MONGO_URL: mongoUrl(), MONGO_DB: db, LOG_LEVEL: 'warn' };
const qcity = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: projectRoot,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });

/** What each seed's own lines say, read by a person (see also src/fixtures/seeds.ts). */
const PRINTED: Record<
  string,
  { title: string; publishedAt: string | null; source: string | null; author: string }
> = {
  '000': {
    title: '柳州探索国家质量基础设施服务产业发展之路 由“质量兴市”走向“质量强市”',
    publishedAt: '2021-09-23T10:27:45+08:00', // "广西日报  2021-09-23 10:27:45"
    source: '广西日报',
    author: '覃伟立',
  },
  '001': {
    title: '关于对柳州市政协十三届第三次会议第011号提案的答复',
    publishedAt: '2023-06-07T09:00:00+08:00', // "发布日期: 2023-06-07 09:00"
    source: '柳州市市场监督管理局',
    author: '法规科',
  },
  // 002 and 003 print no date and no source line: nothing to read, nothing invented.
  '002': {
    title: '質量提升促發展 真抓實干見成效',
    publishedAt: null,
    source: null,
    author: '魯麗軍 劉神生 黃新權',
  },
  '003': {
    title: '建設(shè)質(zhì)量強市 打造質(zhì)量標桿', // with the pinyin annotations the text prints
    publishedAt: null,
    source: null,
    author: '孫淵 于海波', // "□ 孫 淵 于海波"
  },
  '004': {
    title: '开启质量强市新时代', // below a navigation bar and a breadcrumb
    publishedAt: '2018-05-07T09:32:00+08:00', // "来源:柳州日报 2018-05-07 09:32"
    source: '柳州日报',
    author: '江宏坤', // "本报记者 江宏坤"
  },
};

const config = fixtureConfig([], { mongo: { url: mongoUrl(), db } });

afterAll(async () => {
  const store = await Store.connect(config, silentLogger);
  await store.db.dropDatabase();
  await store.close();
});

describe('one analysis path for texts: `qcity extract` and `qcity seed` agree', () => {
  it('gives each seed the same title, date, source, author, hash and indicators both ways, as its text prints them', async () => {
    const files = (await readdir(seedDir)).filter((f) => f.endsWith('.txt')).sort();
    expect(files.map((f) => f.slice(0, 3))).toEqual(Object.keys(PRINTED));

    const extracted = (await qcity('extract', ...files.map((f) => path.join(seedDir, f)))).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const seeded = await qcity('seed', seedDir);
    expect(seeded.stdout).toContain(`${files.length} seed files imported`);

    const store = await Store.connect(config, silentLogger);
    try {
      for (const [i, file] of files.entries()) {
        const x = extracted[i];
        const doc = await store.cols.documents.findOne({ url: `seed:${file}` });
        expect(doc, file).not.toBeNull();
        const both = (d: { title: unknown; publishedAt: unknown; source: unknown; author: unknown }) => ({
          title: d.title,
          publishedAt: d.publishedAt,
          source: d.source,
          author: d.author,
        });
        // The text's own lines, both ways (titles normalised as every title is: width, spaces, pinyin).
        // A title keeps the text's own characters, as a page's does (src/pipeline/analyse.ts).
        const want = PRINTED[file.slice(0, 3)]!;
        expect(both(x), `qcity extract ${file}`).toEqual(want);
        expect(both({ ...doc!, publishedAt: doc!.publishedAtText }), `qcity seed ${file}`).toEqual(want);
        // The same hash and the same indicator rows.
        expect(x.contentHash).toMatch(/^[0-9a-f]{16}$/);
        expect(doc!.contentHash).toBe(x.contentHash);
        expect(x.indicators.length, file).toBeGreaterThan(3);
        expect(doc!.indicators).toEqual(x.indicators);
        expect(doc!.city).toBe(x.city);
      }
      // Stored as a date too, for queries by time.
      const dated = await store.cols.documents.findOne({ url: `seed:${files[0]}` });
      expect(dated!.publishedAt).toEqual(new Date('2021-09-23T10:27:45+08:00'));
    } finally {
      await store.close();
    }
  });
});
