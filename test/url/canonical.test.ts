import { describe, expect, it } from 'vitest';
import { canonicalUrl, resolveHttpUrl } from '../../src/url/index.js';

describe('canonicalUrl', () => {
  it('drops fragments, tracking parameters, default ports and upper-case hosts', () => {
    expect(
      canonicalUrl('HTTP://WWW.Liuzhou.GOV.cn:80/xxgk/t20230607_1.shtml?utm_source=wx&spm=a.b#top'),
    ).toBe('http://www.liuzhou.gov.cn/xxgk/t20230607_1.shtml');
    expect(canonicalUrl('https://example.com:443/a?from=timeline&share_token=x&id=5')).toBe(
      'https://example.com/a?id=5',
    );
  });

  it('keeps non-default ports and meaningful parameters, in a stable order', () => {
    expect(canonicalUrl('http://127.0.0.1:8080/list?page=2&cat=7')).toBe(
      'http://127.0.0.1:8080/list?cat=7&page=2',
    );
    expect(canonicalUrl('http://127.0.0.1:8080/list?cat=7&page=2')).toBe(
      'http://127.0.0.1:8080/list?cat=7&page=2',
    );
  });

  it("leaves the server's own spelling of a query alone", () => {
    expect(canonicalUrl('http://a.cn/show.asp?1234')).toBe('http://a.cn/show.asp?1234');
    expect(canonicalUrl('http://a.cn/s?q=%E8%B4%A8%E9%87%8F+x')).toBe('http://a.cn/s?q=%E8%B4%A8%E9%87%8F+x');
  });

  it('keeps the WeChat article identity and drops its share noise', () => {
    expect(
      canonicalUrl(
        'https://mp.weixin.qq.com/s?__biz=MzA&mid=265&idx=1&sn=abc&chksm=ff&scene=21#wechat_redirect',
      ),
    ).toBe('https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=265&sn=abc');
  });

  it('resolves dot segments', () => {
    expect(canonicalUrl('http://a.cn/x/../y/./z.html')).toBe('http://a.cn/y/z.html');
  });

  it('throws on a relative or broken URL', () => {
    expect(() => canonicalUrl('/relative')).toThrow();
  });
});

describe('resolveHttpUrl', () => {
  it('resolves against the base and refuses non-http targets', () => {
    expect(resolveHttpUrl('../a.html', 'http://a.cn/x/y/')).toBe('http://a.cn/x/a.html');
    expect(resolveHttpUrl('javascript:void(0)', 'http://a.cn/')).toBeNull();
    expect(resolveHttpUrl('mailto:a@b.cn', 'http://a.cn/')).toBeNull();
    expect(resolveHttpUrl('#top', 'http://a.cn/')).toBeNull();
    expect(resolveHttpUrl('ftp://a.cn/f', 'http://a.cn/')).toBeNull();
  });
});
