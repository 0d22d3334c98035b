import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType } from '../../src/decode/header.js';
import { decodeHtml } from '../../src/decode/index.js';
import { metaCharset } from '../../src/decode/prescan.js';

const seed = (n: string) =>
  readFileSync(new URL(`../../seeds/${n}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 12)
    .join('\n');
const simplified = seed('000_39b906d85c01dde6.txt');
const traditional = seed('002_75c0aedde7100288.txt');

/** A `<head>` of several kilobytes of ASCII, as TRS pages carry (scripts, styles), before any Chinese. */
const longAsciiHead = `<head><title>x</title>${'<script type="text/javascript">var _hmt = _hmt || []; (function(){ var hm = 1; })();</script>\n'.repeat(60)}</head>`;
const page = (head: string, body: string) =>
  `<!DOCTYPE html><html>${head}<body><div class="TRS_Editor">${body}</div></body></html>`;
const enc = (s: string, codec: string) => new Uint8Array(iconv.encode(s, codec));

describe('decodeHtml: byte-order marks', () => {
  it('UTF-8 BOM wins over a contrary header', () => {
    const html = page('<head><meta charset="gbk"></head>', simplified);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(html, 'utf8')]);
    const r = decodeHtml(bytes, 'text/html; charset=gbk');
    expect(r).toMatchObject({ html, encoding: 'UTF-8', encodingSource: 'bom' });
  });
  it('UTF-16LE and UTF-16BE BOMs', () => {
    const html = page('<head></head>', traditional);
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(html, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(html, 'utf16be')]);
    expect(decodeHtml(le)).toMatchObject({ html, encoding: 'UTF-16LE', encodingSource: 'bom' });
    expect(decodeHtml(be)).toMatchObject({ html, encoding: 'UTF-16BE', encodingSource: 'bom' });
  });
});

describe('decodeHtml: declarations', () => {
  it('HTTP charset beats a contrary meta', () => {
    const html = page('<head><meta charset="big5"></head>', simplified);
    const r = decodeHtml(enc(html, 'gb18030'), 'text/html; charset="GB2312"');
    expect(r).toEqual({
      html,
      encoding: 'gb18030',
      encodingSource: 'header',
      declared: 'GB2312',
      invalidSequences: 0,
    });
  });
  it('<meta charset>', () => {
    const html = page('<head><meta charset="big5"><title>t</title></head>', traditional);
    expect(decodeHtml(enc(html, 'big5hkscs'), 'text/html')).toMatchObject({
      html,
      encoding: 'Big5',
      encodingSource: 'meta',
    });
  });
  it('<meta http-equiv="Content-Type" content="...; charset=gb2312">', () => {
    const html = page(
      '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /></head>',
      simplified,
    );
    expect(decodeHtml(enc(html, 'gb18030'))).toMatchObject({
      html,
      encoding: 'gb18030',
      encodingSource: 'meta',
    });
  });
  it('<script charset> is not a declaration', () => {
    const html = page('<head><script charset="big5" src="/a.js"></script></head>', simplified);
    expect(metaCharset(enc(html, 'gb18030'))).toBeUndefined();
    const r = decodeHtml(enc(html, 'gb18030'));
    expect(r).toMatchObject({ html, encoding: 'gb18030', encodingSource: 'detected' });
    expect(r.declared).toBeUndefined();
  });
  it('a meta beyond the first 1024 bytes is not seen by the prescan', () => {
    const html = page(`${longAsciiHead.replace('</head>', '<meta charset="big5"></head>')}`, simplified);
    expect(metaCharset(enc(html, 'gb18030'))).toBeUndefined();
  });
  it('parses charset parameters', () => {
    expect(charsetFromContentType('text/html;charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType('text/html; Charset="gbk"; x=y')).toBe('gbk');
    expect(charsetFromContentType('text/html')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });
});

describe('decodeHtml: detection behind a long ASCII head (no charset anywhere)', () => {
  for (const [name, text, codec, expected] of [
    ['GBK', simplified, 'gb18030', 'gb18030'],
    ['Big5', traditional, 'big5hkscs', 'Big5'],
    ['UTF-8', simplified, 'utf8', 'UTF-8'],
    ['GBK (traditional text)', traditional, 'gb18030', 'gb18030'],
  ] as const) {
    it(name, () => {
      const html = page(longAsciiHead, text);
      expect(html.indexOf(text.slice(0, 2))).toBeGreaterThan(4096);
      expect(decodeHtml(enc(html, codec), 'text/html')).toEqual({
        html,
        encoding: expected,
        encodingSource: 'detected',
        invalidSequences: 0,
      });
    });
  }
  it('pure ASCII decodes as UTF-8', () => {
    expect(decodeHtml(enc('<p>hello</p>', 'utf8'))).toMatchObject({
      html: '<p>hello</p>',
      encodingSource: 'detected',
    });
  });
});

describe('decodeHtml: pages that lie', () => {
  // Also the guard that a declared-UTF-8 page with invalid sequences is not kept as damaged UTF-8 when it is GBK.
  it('meta says UTF-8, bytes are GBK → fallback to gb18030', () => {
    const html = page(`<head><meta charset="utf-8">${longAsciiHead.slice(6)}`, simplified);
    expect(decodeHtml(enc(html, 'gb18030'))).toEqual({
      html,
      encoding: 'gb18030',
      encodingSource: 'fallback',
      declared: 'UTF-8',
      invalidSequences: 0,
    });
  });
  it('header says GBK, bytes are Big5 → fallback to Big5', () => {
    const html = page('<head></head>', traditional);
    expect(decodeHtml(enc(html, 'big5hkscs'), 'text/html; charset=gbk')).toMatchObject({
      html,
      encoding: 'Big5',
      encodingSource: 'fallback',
      declared: 'gbk',
    });
  });
  it('header says Big5, bytes are GBK → fallback to gb18030', () => {
    const html = page('<head></head>', simplified);
    expect(decodeHtml(enc(html, 'gb18030'), 'text/html; charset=big5')).toMatchObject({
      html,
      encoding: 'gb18030',
      encodingSource: 'fallback',
    });
  });
  it('header says gb2312, bytes are UTF-8 → fallback to UTF-8', () => {
    const html = page('<head></head>', traditional);
    expect(decodeHtml(enc(html, 'utf8'), 'text/html; charset=gb2312')).toMatchObject({
      html,
      encoding: 'UTF-8',
      encodingSource: 'fallback',
    });
  });
  it('an honest GBK page with a few rare characters keeps its declaration', () => {
    const html = page('<head><meta charset="gb2312"></head>', `${simplified}<p>朱镕基 王喆 李堃</p>`);
    expect(decodeHtml(enc(html, 'gb18030'))).toMatchObject({ html, encodingSource: 'meta' });
  });
});

describe('decodeHtml: characters beyond the literal label', () => {
  it('GB18030 4-byte characters survive a gb2312 label', () => {
    const html = page('<head><meta charset="gb2312"></head>', `${simplified}<p>𠀀 㐀 镕</p>`);
    const r = decodeHtml(enc(html, 'gb18030'));
    expect(r.html).toBe(html);
    expect(r.html).toContain('𠀀 㐀 镕');
  });
  it('Big5-HKSCS characters survive a big5 label', () => {
    const html = page('<head><meta charset="big5"></head>', `${traditional}<p>㗎 𠝹 嘅 堃</p>`);
    const r = decodeHtml(enc(html, 'big5hkscs'), 'text/html; charset=big5');
    expect(r).toMatchObject({ encodingSource: 'header', encoding: 'Big5' });
    expect(r.html).toContain('㗎 𠝹 嘅 堃');
    expect(r.html).toBe(html);
  });
});

describe('decodeHtml: UTF-8 with a few invalid sequences', () => {
  /** The damage from issue 16: lone bytes, a truncated sequence, a surrogate, a 5-byte form. */
  const DAMAGE = Buffer.from('fffec328e282eda080f888808080', 'hex');
  const TITLE = '柳州市质量强市工作取得新成效';
  const paragraphs = simplified.split('\n').slice(0, 3);
  /** Declared UTF-8 in the header and in a meta; one damaged run in each of three paragraphs. */
  function damagedPage(): Buffer {
    const parts: Buffer[] = [
      Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body>`),
    ];
    for (const p of paragraphs) parts.push(Buffer.from(`<p>${p}`), DAMAGE, Buffer.from('</p>'));
    parts.push(Buffer.from('</body></html>'));
    return Buffer.concat(parts);
  }

  it('stays UTF-8, replaces each invalid sequence by U+FFFD and counts them', () => {
    const r = decodeHtml(damagedPage(), 'text/html; charset=utf-8');
    expect(r.encoding).toBe('UTF-8');
    expect(r.encodingSource).toBe('header');
    expect(r.html).toContain(`<title>${TITLE}</title>`);
    for (const p of paragraphs) expect(r.html).toContain(p);
    // WHATWG: ff, fe, c3, e2 82, ed, a0, 80, f8, 88, 80, 80, 80 → 12 replacements per run.
    expect(r.invalidSequences).toBe(36);
    expect(r.html.match(/\uFFFD/g)).toHaveLength(36);
    // The same with only the meta declaring it.
    expect(decodeHtml(damagedPage(), 'text/html')).toMatchObject({
      encoding: 'UTF-8',
      encodingSource: 'meta',
      invalidSequences: 36,
    });
  });

  it('a literal U+FFFD in valid UTF-8 is not counted as damage', () => {
    const r = decodeHtml(Buffer.from(`<meta charset="utf-8"><p>${paragraphs[0]}\uFFFD</p>`), 'text/html');
    expect(r.invalidSequences).toBe(0);
  });
});
