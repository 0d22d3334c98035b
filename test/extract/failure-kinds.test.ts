import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { analyse } from '../../src/pipeline/analyse.js';
import { indicatorTables } from '../../src/settings.js';

/**
 * The failure kinds seen on unseen real pages (issue 13), each as a small page of our own: the rule
 * that fixes it must be general, so each page is built the way many sites build it, not like one site.
 */
const URL_ = 'http://www.example.gov.cn/xwzx/t20230607_1.shtml';

const P1 = '近日，市市场监管局召开全市质量工作会议，总结去年质量强市工作，部署今年重点任务。';
const P2 = '会议指出，今年全市将围绕先进制造业开展质量提升行动，全年抽检工业产品1200批次。';
const P3 = '会议要求，各县区要压实质量安全责任，确保各项工作落到实处，为高质量发展提供支撑。';
const P4 = '下一步，市市场监管局将加强督查，定期通报进展情况，推动质量强市建设取得新成效。';

const NAV = `<div class="nav">${['首页', '新闻中心', '政务公开', '办事服务', '互动交流', '专题专栏']
  .map((t, i) => `<a href="/c${i}/">${t}</a>`)
  .join(' ')}</div>`;

function page(opts: { title?: string; head?: string; body: string; foot?: string }): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${opts.title ?? '全市质量工作会议召开_某市人民政府门户网站'}</title>${opts.head ?? ''}</head>
<body>${NAV}
<div class="wrap">${opts.body}</div>
${opts.foot ?? '<div class="footer"><p>主办：某市人民政府办公室</p></div>'}
</body></html>`;
}

const extract = (html: string) => extractArticle(html, { url: URL_ });

describe('body', () => {
  it('a short article is not outweighed by a long disclaimer or copyright block', () => {
    const disclaimer =
      '免责声明：本网站所载的文章、图片等内容，除注明为本网原创的以外，均转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。' +
      '如涉及作品内容、版权和其他问题，请在三十日内与本网联系，我们将在第一时间删除内容。本网站所有原创内容版权所有，未经书面授权，任何单位和个人不得转载、摘编或以其他方式使用。' +
      '凡本网注明“来源：某市人民政府”的所有作品，版权均属于某市人民政府，转载时请注明出处，违者本网将依法追究责任。';
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="info">发布时间：2023-06-07 09:30 来源：市市场监管局</div>
<div class="con"><p>${P1}</p></div>`,
      foot: `<div class="bottom"><div class="sm"><p>${disclaimer}</p></div><p>版权所有：某市人民政府 地址：某市人民路1号 电话：0772-1234567</p></div>`,
    });
    expect(extract(html).text).toBe(P1);
  });

  it('a short article beats a reprint notice that names no copyright', () => {
    const notice =
      '本站部分文章、图片来自互联网，转载目的在于传递更多信息，文章内容仅代表作者个人观点，与本站立场无关。' +
      '若本站转载的内容涉及您的作品，请在作品发表之日起一个月内与本站联系，我们将及时处理，感谢您对本站工作的理解与支持。';
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="info">发布时间：2023-06-07 09:30 来源：市市场监管局</div>
<div class="con"><p>${P1}</p></div>`,
      foot: `<div class="bottom"><p>${notice}</p><p>主办单位：某市人民政府办公室 技术支持：某某网络公司</p></div>`,
    });
    expect(extract(html).text).toBe(P1);
  });

  it('a body that is mostly a table (an agenda) keeps the table', () => {
    const rows = [
      ['时间', '议程', '地点'],
      ['9:00-9:30', '签到入场', '一楼大厅'],
      ['9:30-10:00', '领导致辞', '第一会议室'],
      ['10:00-10:40', '质量工作报告', '第一会议室'],
      ['10:40-11:20', '企业经验交流', '第一会议室'],
      ['11:20-11:40', '颁发质量奖', '第一会议室'],
      ['11:40-12:00', '总结讲话', '第一会议室'],
      ['14:00-16:00', '现场观摩', '产业园区'],
    ];
    const table = `<table border="1">${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
    const html = page({
      body: `<h1>全市质量工作会议议程</h1><div class="info">发布时间：2023-06-07</div>
<div class="con"><p>会议议程如下：</p>${table}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>`,
    });
    const text = extract(html).text;
    for (const r of rows) for (const c of r) expect(text).toContain(c);
    expect(text).toContain('会议议程如下');
  });

  it('a body split into sibling blocks around a gallery and a link box keeps every block', () => {
    const links = Array.from(
      { length: 8 },
      (_, i) => `<li><a href="/a/${i}.html">某市开展第${i + 1}批产品质量监督抽查工作情况通报</a></li>`,
    ).join('');
    const pics = Array.from(
      { length: 8 },
      (_, i) => `<div class="pic"><img src="/p${i}.jpg"><span>现场图片${i + 1}</span></div>`,
    ).join('');
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="info">发布时间：2023-06-07 09:30</div>
<div class="article">
<div class="part"><p>${P1}</p><p>${P2}</p></div>
<div class="gallery">${pics}<ul>${links}</ul></div>
<div class="part"><p>${P3}</p><p>${P4}</p></div>
</div>`,
    });
    const text = extract(html).text;
    for (const p of [P1, P2, P3, P4]) expect(text).toContain(p);
    expect(text).not.toContain('监督抽查工作情况通报');
  });
});

describe('body split into blocks of different kinds', () => {
  it('keeps a link-free lead box beside the text, but not a notice box after it', () => {
    const links = Array.from(
      { length: 8 },
      (_, i) => `<li><a href="/a/${i}.html">某市开展第${i + 1}批产品质量监督抽查工作情况通报</a></li>`,
    ).join('');
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="info">发布时间：2023-06-07 09:30</div>
<div class="article">
<div class="lead"><p>${P1}</p></div>
<div class="box"><ul>${links}</ul></div>
<div class="text"><p>${P2}</p><p>${P3}</p><p>${P4}</p></div>
<div class="statement"><p>特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。</p><p>Notice: the content above is uploaded and posted by a user, and the platform only provides information storage services.</p></div>
</div>`,
    });
    const text = extract(html).text;
    expect(text.split('\n\n')).toEqual([P1, P2, P3, P4]);
  });
});

describe('title', () => {
  it('is not empty when the headline is in none of the usual places', () => {
    const html = page({
      title: '',
      body: `<table><tr><td class="bt">全市质量工作会议召开</td></tr><tr><td>发布时间：2023-06-07 来源：市市场监管局</td></tr>
<tr><td><p>${P1}</p><p>${P2}</p></td></tr></table>`,
    }).replace('<title></title>', '');
    expect(extract(html).title).toBe('全市质量工作会议召开');
  });

  it('is not empty with no <title>, no heading and no title class: the line above the byline', () => {
    const html = page({
      title: '',
      body: `<div><p><strong>全市质量工作会议召开</strong></p><p>发布时间：2023-06-07 来源：市市场监管局</p>
<div><p>${P1}</p><p>${P2}</p></div></div>`,
    }).replace('<title></title>', '');
    expect(extract(html).title).toBe('全市质量工作会议召开');
  });

  it('is the headline over the body, not the site name that the <title> and a logo carry', () => {
    const html = page({
      title: '新闻动态--某市市场监督管理局',
      body: `<div class="head"><h1><a href="/">某市市场监督管理局</a></h1></div>
<div class="main"><h3>全市质量工作会议召开</h3><div class="info">发布时间：2023-06-07 来源：市市场监管局</div>
<div class="con"><p>${P1}</p><p>${P2}</p></div></div>`,
    });
    expect(extract(html).title).toBe('全市质量工作会议召开');
  });

  it('is not the site name that a heading beside or under the body carries', () => {
    const html = page({
      title: '新闻动态--某市市场监督管理局',
      body: `<div class="main"><h5>全市质量工作会议召开</h5><div class="info">发布时间：2023-06-07 来源：市市场监管局</div>
<div class="con"><p>${P1}</p><p>${P2}</p></div></div>
<div class="col"><h5>某市市场监督管理局</h5><ul><li><a href="/a/1.html">市场监管局开展质量月活动的通知</a></li></ul></div>`,
    });
    expect(extract(html).title).toBe('全市质量工作会议召开');
  });

  it('has no markup left in it', () => {
    const html = page({
      title: '奋进新征程 凝聚质量强市新力量&lt;div&gt;_某市人民政府门户网站',
      body: `<div class="info">发布时间：2023-06-07</div><div class="con"><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(html).title).toBe('奋进新征程 凝聚质量强市新力量');
    const og = page({
      title: '',
      head: '<meta property="og:title" content="奋进新征程 凝聚质量强市新力量<div>">',
      body: `<div class="con"><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(og).title).toBe('奋进新征程 凝聚质量强市新力量');
  });

  it('loses the site suffix, also when a box prints the whole <title>', () => {
    const bare = page({
      title: '打造质量强市 建设品质之城！-新华网',
      body: `<div class="info">2023-06-07 09:30:00 来源：新华网</div><div class="con"><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(bare).title).toBe('打造质量强市 建设品质之城！');
    const boxed = page({
      title: '打造质量强市 建设品质之城！-新华网',
      body: `<div class="share-title">打造质量强市 建设品质之城！-新华网</div><h4>打造质量强市 建设品质之城！</h4>
<div class="info">2023-06-07 09:30:00 来源：新华网</div><div class="con"><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(boxed).title).toBe('打造质量强市 建设品质之城！');
  });

  it("keeps the page's own characters, through the pipeline too (normalised forms are other fields)", () => {
    const html = page({
      title: '中国（某市）－东盟质量合作推介会举行_某市人民政府门户网站',
      body: `<h1>中国（某市）－东盟质量合作推介会举行</h1><div class="info">发布时间：2023-06-07</div>
<div class="con"><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(html).title).toBe('中国（某市）－东盟质量合作推介会举行');
    const analysed = analyse(
      { kind: 'html', bytes: new TextEncoder().encode(html) },
      { url: URL_, tables: indicatorTables('config') },
    );
    expect(analysed.article.title).toBe('中国（某市）－东盟质量合作推介会举行');
    // What is stored keeps it too.
    expect(analysed.record.article.title).toBe('中国（某市）－东盟质量合作推介会举行');
    // The body's normalised form is still folded: only the title field keeps the page's characters.
    expect(analysed.record.article.text).toBe(analysed.record.article.text.normalize('NFC'));
  });

  it('is joined without spaces when a Chinese headline is broken with <br>', () => {
    const html = page({
      title: '关于开展2023年质量月活动的通知_某市人民政府门户网站',
      body: `<div class="con"><p align="center"><strong>关于开展2023年<br>
质量月活动的通知</strong></p><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(html).title).toBe('关于开展2023年质量月活动的通知');
  });
});

describe('publish time', () => {
  const body = (info: string, after = '') =>
    `<h1>全市质量工作会议召开</h1>${info}<div class="con"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>${after}`;

  it('is not shifted by hours when a meta tag marks the local time as UTC or another zone', () => {
    for (const meta of ['2023-06-07T09:32:00Z', '2023-06-07T09:32:00-07:00', '2023-06-07T09:32:00+0000']) {
      const html = page({
        head: `<meta property="article:published_time" content="${meta}">`,
        body: body('<div class="info">2023-06-07 09:32 来源：某市日报</div>'),
      });
      expect(extract(html).publishedAt, meta).toBe('2023-06-07T09:32:00+08:00');
    }
    // A real UTC instant with no printed time is converted, not copied.
    const html = page({
      head: '<meta property="article:published_time" content="2023-06-07T01:32:00Z">',
      body: body(''),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T09:32:00+08:00');
    // Stored as a Date, that is the same instant.
    expect(new Date(extract(html).publishedAt!).toISOString()).toBe('2023-06-07T01:32:00.000Z');
  });

  it('is read from a byline inside a box named like furniture', () => {
    const html = page({
      body: body(
        '<div class="top-bar fixed"><div class="date-source"><span class="date">2023年06月07日 09:32</span> 某市日报</div></div>',
      ),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T09:32:00+08:00');
  });

  it('is read from a byline printed only under the body', () => {
    const html = page({
      body: body('', '<div class="by">（作者：张三　发布时间：2023年6月7日）</div>'),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T00:00:00+08:00');
  });

  it('is read from a byline that opens the body as one long line', () => {
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="con"><p>来源：某市日报，作者：张三，发布时间：2023-06-07 09:32，浏览次数：1024，字号：大 中 小</p><p>${P1}</p><p>${P2}</p></div>`,
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T09:32:00+08:00');
  });

  it('is read from a byline split over boxes', () => {
    const html = page({
      body: body('<div class="time"><span>2023</span><div>06/07</div><div>09:32</div></div>'),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T09:32:00+08:00');
  });

  it('takes the year of a yearless byline from a page date of the same day, never a guess', () => {
    const yearless = body('<div class="info">发布时间：06-0709:32</div>');
    const withMeta = page({
      head: '<meta itemprop="dateUpdate" content="2023-06-07 09:32:57">',
      body: yearless,
    });
    expect(extract(withMeta).publishedAt).toBe('2023-06-07T09:32:00+08:00');
    const alone = extractArticle(page({ body: yearless }), { url: 'http://www.example.gov.cn/xwzx/a.shtml' });
    expect(alone.publishedAt).toBeNull();
  });

  it('is not a later time printed beside it (updated, printed, comments)', () => {
    const html = page({
      head: '<meta property="article:modified_time" content="2023-06-09T10:00:00+08:00">',
      body: body(
        '<div class="info">更新时间：2023-06-09 10:00 发布时间：2023-06-07 09:32 打印时间：2023-06-10 08:00</div>',
        '<div class="pl"><p>网友 2023-06-08 12:00</p><p>说得好，点赞！</p></div>',
      ),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T09:32:00+08:00');
    // The update time in JSON-LD's pubDate (as guancha prints '最后更新' and puts it there).
    const ld = page({
      head: '<script type="application/ld+json">{"pubDate": "2023-06-07T09:35:21"}</script>',
      body: body(
        '<div class="info"><span>2023-06-07 09:30:53</span><span>最后更新: 2023-06-07 09:35:21</span></div>',
      ),
    });
    expect(extract(ld).publishedAt).toBe('2023-06-07T09:30:53+08:00');
  });

  it("is not the page header's calendar", () => {
    const html = page({
      head: '<meta name="publishdate" content="2023-06-07">',
      body: body(
        '<div class="date">今天是2023年6月8日 星期四</div><div class="info">来源：市市场监管局</div>',
      ),
    });
    expect(extract(html).publishedAt).toBe('2023-06-07T00:00:00+08:00');
  });

  it('does not read a time range as a time zone', () => {
    const html = page({ body: body('<div class="info">发布时间：2023-06-07 10:00-17:00</div>') });
    expect(extract(html).publishedAt).toBe('2023-06-07T10:00:00+08:00');
  });
});

describe('body of a government document', () => {
  it("keeps a resolution's adoption note under its title", () => {
    const note = '（2023年5月26日某市第十六届人民代表大会常务委员会第十次会议通过）';
    const html = page({
      title: '某市人民代表大会常务委员会关于加强质量工作的决定_某市人民政府门户网站',
      body: `<div class="con"><p align="center"><strong>某市人民代表大会常务委员会<br>关于加强质量工作的决定</strong><br>${note}</p><p>${P1}</p><p>${P2}</p></div>`,
    });
    const a = extract(html);
    expect(a.text.split('\n\n')[0]).toBe(note);
    expect(a.title).toBe('某市人民代表大会常务委员会关于加强质量工作的决定');
  });
});

/**
 * Kinds seen on a held-out check against real pages the development set does not have (news portals,
 * papers and agencies; half of them GBK): furniture that sits inside the article's own container.
 */
describe('lines inside the article container that are not the article', () => {
  /** The body paragraphs of a page whose article container also holds `before` and `after`. */
  const paragraphs = (before: string, after: string) =>
    extract(
      page({
        body: `<h1>全市质量工作会议召开</h1><div class="con">${before}<p>${P1}</p><p>${P2}</p><p>${P3}</p>${after}</div>`,
      }),
    ).text.split('\n\n');

  it('drops the print edition a paper credits under the text', () => {
    for (const credit of ['《某市日报》（2024年05月10日 04版）', '《 某市日报 》（ 2024年5月10日 第A3版 ）'])
      expect(paragraphs('', `<p>${credit}</p>`), credit).toEqual([P1, P2, P3]);
  });

  it("drops the poster's region and a share overlay's instructions printed above the text", () => {
    const above =
      '<p>点击右上角微信好友</p><p>请使用浏览器分享功能进行分享</p><p>2024-05-20 06:48</p><p>发布于：北京市</p>';
    expect(paragraphs(above, '')).toEqual([P1, P2, P3]);
  });

  it('drops production credits, also with their labels spaced out, and a 文丨 byline', () => {
    const credits = '<p>总监制：李四</p><p>监 制：王五</p><p>审 读：赵六</p><p>责编：钱七</p>';
    expect(paragraphs('<p>文丨特约评论员 张三</p>', credits)).toEqual([P1, P2, P3]);
  });

  it('ends the article at a short "…推荐" header over a promo list', () => {
    const promo = [1, 2, 3].map((i) => `<p><a href="/a/${i}.html">推广${i}</a></p>`).join('');
    expect(paragraphs('', `<p>重点推荐</p>${promo}`)).toEqual([P1, P2, P3]);
  });
});

describe('reprint notices inside the article container', () => {
  const notice = '本文为某某网授权本站专栏发布，转载请注明出处。本文仅为作者观点，不代表本站立场。';
  const bio = '作者为某某杂志主笔，曾任某某报社记者、资深记者、主任记者，长期关注制造业质量。';

  it("end the article: an author's bio after the notice is not the article", () => {
    const html = page({
      body: `<h1>全市质量工作会议召开</h1><div class="con"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${notice}</p><p>${bio}</p></div>`,
    });
    expect(extract(html).text.split('\n\n')).toEqual([P1, P2, P3]);
    const exclusive = page({
      body: `<div class="con"><p>${P1}</p><p>${P2}</p><p>某某健康网(www.example.com)专稿，未经书面授权请勿转载。</p></div>`,
    });
    expect(extract(exclusive).text.split('\n\n')).toEqual([P1, P2]);
  });

  it('are skipped above the text ("本文首发于…")', () => {
    const html = page({
      body: `<div class="con"><p>${P1}</p><p>本文首发于某某公众号（example01）</p><p>${P2}</p><p>${P3}</p></div>`,
    });
    expect(extract(html).text.split('\n\n')).toEqual([P1, P2, P3]);
  });

  it('do not cut an article that writes about unauthorised copying', () => {
    const ip =
      '经查，该公司未经许可使用他人注册商标，并擅自复制转载他人享有著作权的产品说明书，执法人员依法责令其改正。';
    const html = page({
      body: `<div class="con"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${ip}</p><p>${P4}</p></div>`,
    });
    expect(extract(html).text.split('\n\n')).toEqual([P1, P2, P3, ip, P4]);
  });
});

describe('picture story', () => {
  it('keeps the photo credit that closes it, above a pager and a tag box', () => {
    const caption = '6月6日，在某市质量技术服务中心，检验人员在检测产品。';
    const credit = '新华社发（张三摄）';
    const pager = Array.from({ length: 4 }, (_, i) => `<a href="?page=${i + 1}">${i + 1}</a>`).join('');
    const tags = ['检验检测', '质量提升', '企业服务'].map((t) => `<a href="/tag/${t}">${t}</a>`).join('');
    const html = page({
      body: `<h1>检验检测服务助力企业提质</h1><div class="info">2023-06-07 08:58:52 来源：新华网</div>
<div class="article"><span class="content"><p><img src="/1.jpg"></p><p>${caption}</p><p>${P1}</p><p>${credit}</p>
<center class="pager">${pager}<a href="?page=2">下一页</a></center></span>
<div class="edit"><div class="kw">${tags}</div><span>[作者: 张三 责任编辑: 李四 ]</span></div></div>`,
    });
    expect(extract(html).text.split('\n\n')).toEqual([caption, P1, credit]);
  });
});
