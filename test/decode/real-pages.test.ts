import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/decode/index.js';
import { metaCharset } from '../../src/decode/prescan.js';
import { textSample } from '../../src/decode/sample.js';
import { sharedDir } from '../support/shared.js';

// Real pages saved as UTF-8 even where their <meta> still says GBK: the declaration lies, as in the wild.
const dir = sharedDir('real-pages/articles') ?? '';

describe.skipIf(dir === '')('decodeHtml on real pages', () => {
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.html')) : [];

  it('recovers every page exactly and overrides the lying GBK metas', () => {
    expect(files.length).toBeGreaterThan(20);
    let overridden = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      const r = decodeHtml(bytes, 'text/html');
      expect(r.html === bytes.toString('utf8'), f).toBe(true);
      expect(r.encoding).toBe('UTF-8');
      if (metaCharset(bytes) === 'GBK') {
        expect(r.encodingSource, f).toBe('fallback');
        overridden++;
      }
    }
    expect(overridden).toBeGreaterThan(0);
  });
});

describe('textSample', () => {
  it('keeps whole non-ASCII text runs and drops pure-ASCII markup', () => {
    const html = Buffer.from(
      `<html><head>${'<script>var a=1;</script>'.repeat(100)}</head><body><p>质量强市</p><p>abc</p></body></html>`,
    );
    expect(Buffer.from(textSample(html)).toString('utf8')).toBe('质量强市\n');
  });
  it('caps the sample size', () => {
    const html = Buffer.from(`<p>${'质量'.repeat(100_000)}</p>`);
    expect(textSample(html, 1000).length).toBeLessThanOrEqual(1000);
  });
});
