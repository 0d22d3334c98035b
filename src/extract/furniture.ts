/**
 * Line-level recognisers for the furniture that survives inside an article container: section
 * headers that start a 相关新闻 block (everything after them is dropped), editor and copyright lines,
 * share / print / font-size widgets, and the metadata line under a headline.
 */

const MAX_MARKER_LEN = 40;

// Headers that open the recommendation / comment block under an article.
const TAIL_MARKER =
  /^[【[（(]?\s*(相关新闻|相关阅读|相关文章|相关链接|相关报道|相关稿件|相关推荐|相关专题|新闻推荐|推荐阅读|推荐新闻|猜你喜欢|热点排行|热门排行|热点阅读|热门文章|热门推荐|热点推荐|热点新闻|热门新闻|延伸阅读|频道推荐|精彩推荐|精彩图片|为您推荐|为你推荐|你可能感兴趣|您可能感兴趣|更多精彩|更多阅读|图文看点|图文推荐|网友评论|最新评论|热门评论|全部评论|观察员评论|发表评论|我要评论|我来说两句|[\d,]+\s*条评论|评论|留言|上一篇|下一篇|上一条|下一条|返回顶部|往期回顾|往期精彩|阅读排行|排行榜|\S{0,4}推荐\s*[】\]）)]?$)/;

// Lines that are furniture wherever they stand.
const FURNITURE: RegExp[] = [
  // Labels are often spaced out to align them ("监 制：", "审 读："): see creditLabel().
  /^[【[（(]?\s*(责任编辑|责编|编辑|值班编辑|审核|审校|审读|校对|编审|终审|初审|复审|监制|总监制|出品人|统筹|策划|签发|制作|美编|排版)\s*[:：]/,
  /^[【[（(]?\s*(责任编辑|责编)\s*\S{2,12}\s*[】\]）)]?$/,
  /^.{0,40}(责任编辑|责编)\s*[:：]/,
  /(版权所有|版权声明|Copyright|©|ICP备|ICP证|公网安备|网安备|违法和不良信息|举报电话|举报邮箱|互联网新闻信息服务许可)/i,
  /^(分享到|分享至|分享|转发到|一键分享|扫一扫|扫描二维码|微信扫一扫|打印本页|打印|关闭窗口|关闭|收藏|【打印】|【关闭】|\[打印\]|\[关闭\])/,
  /(字号\s*[:：]?\s*(大|【大】|\[大\])|【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]|大\s*中\s*小$)/,
  /^(来源|稿源|本文来源|文章来源|信息来源|发布时间|发布日期|发布者|发表时间|更新时间|浏览次数|点击数|阅读数|阅读量|访问量|浏览量|点击量)\s*[:：].{0,60}$/,
  /^(返回|返回首页|返回顶部|回到顶部|TOP|进入.{1,8}频道)$/i,
  // The poster's region that portals print under a headline ("发布于：北京市", "IP属地：广东").
  /^(发布于|IP属地|ip属地)\s*[:：]\s*\S{2,12}$/,
  // Instructions of a share overlay ("点击右上角分享给好友", "请使用浏览器分享功能进行分享").
  /(分享功能|^(请|点击|长按)\S{0,16}(分享|转发)|^点击右上角)/,
  // The print edition the text appeared in: "《人民日报》（2024年05月10日 04版）".
  /^《\s*[^《》]{2,16}\s*》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(第?\s*[\dA-Z]{1,3}\s*版)?\s*[）)]$/,
  /(返回.{0,6}首页\s*>>|按alt\+\d|点击进入专题|欢迎扫描.{0,6}二维码|扫描下方二维码|关注.{0,10}(微信|公众号)|点【在看】)/i,
  // App-download and vote promos portals put above or below the article.
  /(下载客户端|客户端第一时间|【下载地址】|【点击投票】|点击下载|扫码下载|下载.{0,6}APP)/i,
  /(免责声明|本文仅代表作者|不代表本(站|网)观点|转载请注明|未经授权.{0,6}(转载|使用)|如有侵权)/,
  /^[【[（(]?(特别)?声明[:：]/,
  // A note that the text first appeared elsewhere ("本文首发于某某公众号").
  /^本文(首发|首载|原载|原发)(于|在|自)/,
  // Breadcrumbs: "当前位置：首页 > 新闻", "首页 > 快讯 > 公司".
  /^(当前位置|您当前的位置|您所在的位置|您的位置|所在位置|当前所在位置)\s*[:：]/,
  /^首页\s*(>|＞|›|»|→)/,
];

// A reprint or copyright notice of the page's own (not a sentence about copying in general, which a
// 市场监管 article on infringement may well contain): under the article it ends the article.
const NOTICE =
  /(转载请注明|(请勿|不得|禁止|严禁)\S{0,4}转载|版权所有|^版权归|不代表本.{0,8}(观点|立场)|如有侵权|免责声明|^[【[（(]?(特别)?声明[:：]|^本文(首发|首载|原载|原发)|^本文(为|系).{1,24}(授权|独家|原创|专稿))/;

export function isNotice(text: string): boolean {
  return text.length <= 150 && NOTICE.test(text);
}

// Text that marks the end of the article even with no header line: a copyright block.
const HARD_STOP = /(版权所有|Copyright\s*©?|ICP备|^免责声明|^特别声明|^正文已结束)/i;

// Metadata under a headline: labelled time/author lines. Only trusted before the first paragraph,
// because "时间：" also opens event notices inside a body.
const META_LINE =
  /^[【[（(]?\s*(来源|稿源|文章来源|信息来源|作者|文|记者|发布时间|发布日期|发布机构|发布于|发表时间|时间|日期|更新时间|浏览|点击|阅读|字号|索引号|分类|发文机关|发文字号|成文日期|主题分类|公文种类|标题|IP属地)\s*[:：/｜|丨]/;

// Copyright, disclaimer and reprint notices, at any length: their prose is furniture.
const BOILERPLATE =
  /(免责声明|^[【[（(]?(特别)?声明[:：]|版权所有|版权声明|版权归|Copyright|©|ICP备|ICP证|公网安备|违法和不良信息|不代表本.{0,6}(观点|立场)|转载请注明|未经.{0,10}(授权|许可|同意).{0,10}(转载|使用|复制|摘编)|如有侵权|联系.{0,6}删除|仅供参考.{0,12}不构成|风险自担|转载.{0,4}(目的|自)|(主办|承办)单位[:：]|技术支持[:：]|网站标识码|(文章|内容|信息|图片).{0,6}(来自|来源于|源于)(互联网|网络)|^本文(首发|首载|原载|原发)(于|在|自))/gi;

/** A copyright or disclaimer block; a long line needs two such phrases, one may be article text. */
export function isBoilerplate(text: string): boolean {
  const n = text.match(BOILERPLATE)?.length ?? 0;
  return n >= (text.length > 200 ? 2 : 1);
}

export function isMetaLine(text: string): boolean {
  return text.length <= 150 && META_LINE.test(text);
}

export function isTailMarker(text: string): boolean {
  return text.length <= MAX_MARKER_LEN && TAIL_MARKER.test(text);
}

/** The line with spaces inside a leading label closed up: "监 制：张三" reads as "监制：张三". */
function creditLabel(text: string): string {
  const m = /^[【[（(]?((?:[\p{Script=Han}][\s\u3000]*){2,4})[:：]/u.exec(text);
  return m ? text.replace(m[1]!, m[1]!.replace(/[\s\u3000]+/g, '')) : text;
}

export function isFurniture(text: string): boolean {
  if (text.length > 120) return false;
  const t = creditLabel(text);
  return FURNITURE.some((re) => re.test(t));
}

export function isHardStop(text: string): boolean {
  return text.length <= 160 && HARD_STOP.test(text);
}
