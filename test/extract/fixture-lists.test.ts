import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';
import { discoverLinks } from '../../src/extract/index.js';
import { fixtureSiteModel } from '../../src/fixtures/index.js';
import { sourceFor } from '../../src/fixtures/model.js';

/** The fixture site's list pages, in their own encodings, through decode and discovery as the crawler sees them. */
const HOST = '127.0.0.1:8080';
const model = fixtureSiteModel();
const hosts = model.hosts.filter((h) => h.startPath);

function listHtml(hostIndex: number, path: string): string {
  const res = model.resolve(hostIndex, path);
  if (!res) throw new Error(`no list page ${path}`);
  return decodeHtml(res.body, res.contentType).html;
}

describe('fixture list pages', () => {
  it.each(hosts.map((h) => [h.name, h] as const))(
    '%s: patterns find every article and list page',
    (_, host) => {
      const source = sourceFor(host, HOST);
      if (!source) throw new Error('fixture host without a source');
      const articles = new Set<string>();
      const pages = new Set<string>();
      for (const path of model.listPaths(host.index)) {
        const r = discoverLinks(listHtml(host.index, path), `http://${HOST}${path}`, source);
        for (const a of r.articles) articles.add(a);
        for (const p of r.pages) pages.add(p);
      }
      const expectedArticles = model.articlePaths(host.index).map((p) => `http://${HOST}${p}`);
      expect(expectedArticles.length).toBeGreaterThan(0);
      expect([...articles].sort()).toEqual(expectedArticles.sort());
      const expectedPages = model
        .listPaths(host.index)
        .filter((p) => new RegExp(source.paginationPattern ?? '^$').test(p));
      for (const p of expectedPages) expect(pages).toContain(`http://${HOST}${p}`);
    },
  );

  it.each(hosts.map((h) => [h.name, h] as const))(
    '%s: links on another host are never returned',
    (_, host) => {
      const source = sourceFor(host, '127.0.0.1:9999');
      if (!source) throw new Error('fixture host without a source');
      const path = model.listPaths(host.index)[0]!;
      const r = discoverLinks(listHtml(host.index, path), `http://${HOST}${path}`, source);
      expect(r.articles).toEqual([]);
      expect(r.pages).toEqual([]);
    },
  );
});
