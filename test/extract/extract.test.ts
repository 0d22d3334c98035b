import { describe, expect, it } from 'vitest';
import { SelectorsSchema } from '../../src/config/schema.js';
import { ArticleSchema, extractArticle, extractDetail } from '../../src/extract/index.js';

const URL_ = 'http://www.example.gov.cn/xxgk/t20230607_1.shtml';

const PARAS = [
  '近年来，柳州市深入实施质量强市战略，推动产业转型升级，全市质量总体水平持续提升。',
  '今年以来，市市场监管局组织开展产品质量监督抽查，共抽检工业产品1200批次，合格率达到96.6%。',
  '下一步，柳州市将继续坚持质量第一，为建设质量强国作出新的贡献。',
];

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>质量强市建设取得新成效_柳州市人民政府门户网站</title>${head}</head>
<body>
<div class="nav"><a href="/">首页</a><a href="/xwzx/">新闻中心</a><a href="/xxgk/">信息公开</a><a href="/bsfw/">办事服务</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 正文</div>
${body}
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/a/1.html">柳州市召开质量工作会议，部署全年重点任务</a> 2023-05-01</li>
<li><a href="/a/2.html">我市开展质量月活动，营造重视质量的氛围</a> 2023-04-01</li>
</ul></div>
<div class="footer"><p>版权所有：柳州市人民政府 主办单位：柳州市人民政府办公室</p><p>桂ICP备05003212号</p></div>
</body></html>`;
}

describe('extractArticle', () => {
  it('reads a TRS_Editor body with its 信息公开 table, info line and editor line', () => {
    const html = page(`
<table class="xxgk"><tr><td>索引号:</td><td>11450200MB1/2023-01</td><td>发布机构:</td><td>柳州市市场监督管理局</td></tr>
<tr><td>发文日期:</td><td>2023-06-07</td><td>主题词:</td><td>质量强市</td></tr></table>
<h1>质量强市建设取得新成效</h1>
<div class="info">来源：柳州日报&nbsp;&nbsp;|&nbsp;&nbsp;发布日期：2023-06-07 09:00&nbsp;&nbsp;|&nbsp;&nbsp;作者：法规科 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor"><style>.TRS_Editor P{margin:0}</style>
${PARAS.map((p) => `<p>\u3000\u3000${p}</p>`).join('\n')}
<p>编辑：杨永娟</p>
</div>
<div class="btns"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>`);
    const a = extractArticle(html, { url: URL_ });
    expect(ArticleSchema.parse(a)).toEqual(a);
    expect(a.text).toBe(PARAS.join('\n\n'));
    expect(a.title).toBe('质量强市建设取得新成效');
    expect(a.publishedAt).toBe('2023-06-07T09:00:00+08:00');
    expect(a.source).toBe('柳州日报');
    expect(a.author).toBe('法规科');
    expect(a.editor).toBe('杨永娟');
    expect(a.url).toBe(URL_);
  });

  it('splits <br>-separated paragraphs and <div>-paragraph pages', () => {
    const br = page(`<h1>质量强市建设取得新成效</h1><div id="zoom">${PARAS.join('<br><br>\n')}</div>`);
    expect(extractArticle(br, { url: URL_ }).text).toBe(PARAS.join('\n\n'));
    const divs = page(
      `<h1>质量强市建设取得新成效</h1><div class="con">${PARAS.map((p) => `<div>${p}</div>`).join('')}</div>`,
    );
    expect(extractArticle(divs, { url: URL_ }).text).toBe(PARAS.join('\n\n'));
  });

  it('keeps image captions as their own paragraphs, in order', () => {
    const html = page(`<h1>质量强市建设取得新成效</h1><div class="article-content">
<p>${PARAS[0]}</p><p style="text-align:center"><img src="/a.jpg"></p><p style="text-align:center">西部陆海新通道建设不断提速。 赵冠雄 摄</p>
<figure><img src="/b.jpg"><figcaption>柳州螺蛳粉生产线</figcaption></figure><p>${PARAS[1]}</p><p>${PARAS[2]}</p></div>`);
    expect(extractArticle(html, { url: URL_ }).text.split('\n\n')).toEqual([
      PARAS[0],
      '西部陆海新通道建设不断提速。 赵冠雄 摄',
      '柳州螺蛳粉生产线',
      PARAS[1],
      PARAS[2],
    ]);
  });

  it('drops share widgets, recommendation blocks, comments and copyright inside the article box', () => {
    const html = page(`<div class="article"><h1>质量强市建设取得新成效</h1>
<div class="share-bar">分享到：<a>微信</a><a>微博</a></div>
${PARAS.map((p) => `<p>${p}</p>`).join('')}
<p>（责任编辑：王晶）</p>
<h3>猜你喜欢</h3><p>柳州螺蛳粉产业链销售收入超600亿元，带动就业30万人。</p>
<div class="comment"><p>网友：好消息，点赞！</p></div>
<p>版权所有 柳州日报社</p></div>`);
    const { article, paragraphs } = extractDetail(html, { url: URL_ });
    expect(article.text).toBe(PARAS.join('\n\n'));
    expect(article.editor).toBe('王晶');
    for (const p of paragraphs) expect(p.linkChars).toBe(0);
  });

  it('does not cut at a 相关新闻 box placed above the article', () => {
    const html = page(`<div class="article"><h1>质量强市建设取得新成效</h1>
<p>相关新闻：</p><p><a href="/a/3.html">直播：质量大会开幕式</a></p>
${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`);
    expect(extractArticle(html, { url: URL_ }).text).toBe(PARAS.join('\n\n'));
  });

  it('takes the time the byline prints; a meta tag adds precision only when it agrees', () => {
    const body = `<h1>质量强市建设取得新成效</h1><div class="info">2023-06-07 09:32 来源：广西日报</div><div>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`;
    expect(
      extractArticle(page(body, '<meta name="publishdate" content="2023-06-07">'), { url: URL_ }).publishedAt,
    ).toBe('2023-06-07T09:32:00+08:00');
    // A meta time of another clock (an update, or a local time marked as UTC) does not overrule the byline.
    expect(
      extractArticle(page(body, '<meta property="article:published_time" content="2023-06-06T18:00:00Z">'), {
        url: URL_,
      }).publishedAt,
    ).toBe('2023-06-07T09:32:00+08:00');
    expect(
      extractArticle(page(body, '<meta property="article:published_time" content="2023-06-07T01:32:41Z">'), {
        url: URL_,
      }).publishedAt,
    ).toBe('2023-06-07T09:32:41+08:00');
    // With no byline the meta tag stands, converted to Beijing time.
    const bare = `<h1>质量强市建设取得新成效</h1><div>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`;
    expect(
      extractArticle(page(bare, '<meta property="article:published_time" content="2023-06-06T18:00:00Z">'), {
        url: URL_,
      }).publishedAt,
    ).toBe('2023-06-07T02:00:00+08:00');
  });

  it('reads 2023年5月26日 dates, reporter credits and unlabelled sources before the date', () => {
    const html = page(`<h1>质量强市建设取得新成效</h1><div class="info">广西日报  2023年5月26日</div>
<div>${PARAS.map((p) => `<p>${p}</p>`).join('')}<p>（广西日报记者 覃伟立）</p></div>`);
    const a = extractArticle(html, { url: URL_ });
    expect(a.publishedAt).toBe('2023-05-26T00:00:00+08:00');
    expect(a.source).toBe('广西日报');
    expect(a.reporter).toBe('覃伟立');
    expect(a.author).toBe('覃伟立');
  });

  it('takes the headline from <title> less the site name when no heading matches', () => {
    const html = `<html><head><title>柳州获批质量强国建设督查激励城市 - 广西新闻网</title></head><body><div>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    expect(extractArticle(html, { url: URL_ }).title).toBe('柳州获批质量强国建设督查激励城市');
  });

  it('uses a credible <link rel=canonical> and ignores one pointing elsewhere', () => {
    const body = `<h1>质量强市建设取得新成效</h1><div>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`;
    const own = extractArticle(
      page(body, '<link rel="canonical" href="/xxgk/t20230607_1.shtml?utm_source=x#a">'),
      {
        url: 'HTTP://WWW.EXAMPLE.GOV.CN/xxgk/t20230607_1.shtml?from=timeline',
      },
    );
    expect(own.url).toBe(URL_);
    expect(own.canonicalFromPage).toBe(true);
    const home = extractArticle(page(body, '<link rel="canonical" href="http://www.example.gov.cn/">'), {
      url: `${URL_}?spm=1`,
    });
    expect(home.url).toBe(URL_);
    expect(home.canonicalFromPage).toBe(false);
    const other = extractArticle(
      page(body, '<link rel="canonical" href="https://mirror.example.com/a.html">'),
      {
        url: URL_,
      },
    );
    expect(other.url).toBe(URL_);
  });

  it('lets per-source selectors override the algorithm', () => {
    const html = page(`<h1>网站首页</h1>
<div class="sidebar-notice"><p>通知：本网站将于周末进行系统维护，维护期间部分栏目暂停访问，敬请谅解。系统维护结束后，各项服务将恢复正常。</p></div>
<div class="wz"><span class="t">质量强市建设取得新成效</span><span class="d">日期：2023-06-07</span><span class="ly">来源：市市场监管局</span>
<div class="zw">${PARAS.map((p) => `<p>${p}</p>`).join('')}<div class="ad">广告：质量月活动火热报名中</div></div></div>`);
    const selectors = SelectorsSchema.parse({
      title: '.wz .t',
      body: '.zw',
      publishedAt: '.wz .d',
      source: '.wz .ly',
      remove: ['.ad'],
    });
    const a = extractArticle(html, { url: URL_, selectors });
    expect(a.title).toBe('质量强市建设取得新成效');
    expect(a.text).toBe(PARAS.join('\n\n'));
    expect(a.publishedAt).toBe('2023-06-07T00:00:00+08:00');
    expect(a.source).toBe('市市场监管局');
  });

  it('survives a stray </html> in the middle of the page (gov.cn templates)', () => {
    const html = `<html><head><title>关于质量强市的决议</title></head><body><div class="header">中国政府网</div></html>
<div class="content"><h1>关于质量强市的决议</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    expect(extractArticle(html, { url: URL_ }).text).toBe(PARAS.join('\n\n'));
  });

  it('returns an empty body, not an error, for a page without text', () => {
    const a = extractArticle('<html><head><title>空</title></head><body></body></html>', {
      url: 'http://www.example.gov.cn/a.html',
    });
    expect(a.text).toBe('');
    expect(a.title).toBe('空');
    expect(a.publishedAt).toBeNull();
  });

  it('falls back to the date in a CMS path when the page prints none', () => {
    const html = `<html><head><title>空</title></head><body><p>${PARAS[0]}</p></body></html>`;
    expect(extractArticle(html, { url: URL_ }).publishedAt).toBe('2023-06-07T00:00:00+08:00');
    expect(extractArticle(html, { url: 'http://a.cn/html/2021-09/23/content_1.htm' }).publishedAt).toBe(
      '2021-09-23T00:00:00+08:00',
    );
  });
});
