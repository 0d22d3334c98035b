import { describe, expect, it } from 'vitest';
import { type Source, SourceSchema } from '../../src/config/schema.js';
import { discoverLinks } from '../../src/extract/index.js';

const source = (extra: Partial<Source> = {}): Source =>
  SourceSchema.parse({
    id: 'lz',
    name: '柳州市市场监督管理局',
    allowedHosts: ['scjgj.liuzhou.gov.cn', '127.0.0.1:8080'],
    ...extra,
  });

const LIST = `<html><head><base href="http://scjgj.liuzhou.gov.cn/xxgk/gzdt/"></head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a><a href="javascript:void(0)">无障碍</a></div>
<ul class="list">
<li><a href="./202306/t20230607_3194815.shtml">关于对柳州市政协十三届第三次会议第011号提案的答复</a><span>2023-06-07</span></li>
<li><a href="202109/t20210924_2871034.shtml#top">柳州探索国家质量基础设施服务产业发展之路</a><span>2021-09-24</span></li>
<li><a href="http://SCJGJ.liuzhou.gov.cn:80/xxgk/gzdt/202109/t20210924_2871034.shtml?utm_source=wx">柳州探索国家质量基础设施服务产业发展之路</a></li>
<li><a href="https://www.elsewhere.com/xxgk/t20230101_1.shtml">外站的质量强市新闻报道全文</a></li>
<li><a href="mailto:a@b.cn">联系我们的邮箱地址</a></li>
</ul>
<div class="page"><a href="index.shtml">首页</a> <a href="index_1.shtml">2</a> <a href="index_2.shtml">下一页</a> <a href="index_2.shtml">尾页</a></div>
<div class="footer"><a href="/gywm/t20200101_1.shtml">关于我们网站的介绍说明</a></div>
</body></html>`;

describe('discoverLinks', () => {
  it('resolves against <base href>, canonicalises, de-duplicates and keeps allowed hosts only (patterns)', () => {
    const r = discoverLinks(
      LIST,
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index.shtml',
      source({ articlePattern: '/t\\d{8}_\\d+\\.shtml$', paginationPattern: '/index_\\d+\\.shtml$' }),
    );
    expect(r.articles).toEqual([
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/202306/t20230607_3194815.shtml',
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/202109/t20210924_2871034.shtml',
      'http://scjgj.liuzhou.gov.cn/gywm/t20200101_1.shtml',
    ]);
    expect(r.pages).toEqual([
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index_1.shtml',
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index_2.shtml',
    ]);
  });

  it('falls back to the list heuristic without patterns: list links yes, lone footer link and nav no', () => {
    const r = discoverLinks(LIST, 'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index.shtml', source());
    expect(r.articles).toEqual([
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/202306/t20230607_3194815.shtml',
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/202109/t20210924_2871034.shtml',
    ]);
    expect(r.pages).toEqual([
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index_1.shtml',
      'http://scjgj.liuzhou.gov.cn/xxgk/gzdt/index_2.shtml',
    ]);
  });

  it('keeps ports as part of the host check', () => {
    const html = `<ul><li><a href="http://127.0.0.1:8080/a/t20230607_1.shtml">柳州质量强市工作动态一</a></li>
<li><a href="http://127.0.0.1:9090/a/t20230607_2.shtml">柳州质量强市工作动态二</a></li></ul>`;
    const r = discoverLinks(html, 'http://127.0.0.1:8080/list.html', source({ articlePattern: 't\\d{8}' }));
    expect(r.articles).toEqual(['http://127.0.0.1:8080/a/t20230607_1.shtml']);
  });

  it('never returns the list page itself', () => {
    const html = `<a href="/list.html?page=1">1</a><a href="/list.html?page=2">2</a>`;
    const r = discoverLinks(
      html,
      'http://127.0.0.1:8080/list.html?page=1',
      source({ paginationPattern: 'page=\\d+' }),
    );
    expect(r.pages).toEqual(['http://127.0.0.1:8080/list.html?page=2']);
  });
});
