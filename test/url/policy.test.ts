import { describe, expect, it } from 'vitest';
import { assertUrlAllowed, FetchError } from '../../src/fetch/errors.js';
import { checkUrlAllowed } from '../../src/url/index.js';

const source = { allowedHosts: ['www.liuzhou.gov.cn', 'news.example.cn:8080'] };

describe('checkUrlAllowed', () => {
  it('allows listed hosts, case-insensitively', () => {
    expect(checkUrlAllowed('http://WWW.Liuzhou.gov.cn/a', source).allowed).toBe(true);
    expect(checkUrlAllowed('https://www.liuzhou.gov.cn/a', source).allowed).toBe(true);
  });
  it('a plain hostname entry allows any port; a host:port entry only that port', () => {
    expect(checkUrlAllowed('http://www.liuzhou.gov.cn:8443/a', source).allowed).toBe(true);
    expect(checkUrlAllowed('http://news.example.cn:8080/a', source).allowed).toBe(true);
    expect(checkUrlAllowed('http://news.example.cn:9090/a', source)).toMatchObject({
      allowed: false,
      code: 'HOST_NOT_ALLOWED',
    });
    expect(checkUrlAllowed('http://news.example.cn/a', source)).toMatchObject({
      allowed: false,
      code: 'HOST_NOT_ALLOWED',
    });
  });
  it('does not allow look-alike hosts', () => {
    for (const u of [
      'http://evil.com/www.liuzhou.gov.cn',
      'http://www.liuzhou.gov.cn.evil.com/',
      'http://sub.www.liuzhou.gov.cn/',
      'http://www.liuzhou.gov.cn@evil.com/',
    ]) {
      expect(checkUrlAllowed(u, source)).toMatchObject({ allowed: false, code: 'HOST_NOT_ALLOWED' });
    }
  });
  it('refuses other protocols and invalid URLs', () => {
    expect(checkUrlAllowed('ftp://www.liuzhou.gov.cn/a', source)).toMatchObject({
      allowed: false,
      code: 'UNSUPPORTED_PROTOCOL',
    });
    expect(checkUrlAllowed('javascript:alert(1)', source)).toMatchObject({
      allowed: false,
      code: 'UNSUPPORTED_PROTOCOL',
    });
    expect(checkUrlAllowed('/relative', source)).toMatchObject({ allowed: false, code: 'INVALID_URL' });
  });
  it('assertUrlAllowed throws the matching FetchError naming the URL', () => {
    expect(assertUrlAllowed('http://www.liuzhou.gov.cn/x', source).href).toBe('http://www.liuzhou.gov.cn/x');
    try {
      assertUrlAllowed('http://evil.com/x', source);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FetchError);
      expect(err).toMatchObject({ code: 'HOST_NOT_ALLOWED', retryable: false });
      expect((err as Error).message).toContain('http://evil.com/x');
    }
  });
});
