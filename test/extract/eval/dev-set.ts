/**
 * The development set: 61 of the 62 saved real pages in ../shared/real-pages/articles (thepaper-4 is a
 * re-save of thepaper-2 and is left out so one page is not counted twice). Each entry was decided by
 * reading the page's text in order, headline to footer, and stays anchors only (see truth.ts).
 *
 * What counts as the body: the article as the reader sees it under the byline — paragraphs, in-body
 * sub-headings, tables, picture captions, an 原标题/编前语/摘要/划重点 note the article opens
 * with, credits printed inside it (记者 …, 采写 …, 执笔 …). Not the body: headline, byline and date
 * lines, 来源/责任编辑/编辑/校对 credits, share and font widgets, video players and their titles, related links,
 * reprint and copyright notices, disclaimers, and separator lines of only symbols.
 *
 * Times are what the byline prints, at its precision, in Beijing time. Where meta tags disagree with
 * it (sina prints 19:55 with a meta of 19:56:29; guancha prints 15:10:53 and "最后更新 15:14:21"
 * with the update in JSON-LD), the printed publish time is the truth. Baijiahao prints "10-08 12:00"
 * without a year; the year is the one its own dateUpdate meta gives that month-day. Pages that print
 * only a relative day (昨天: WeChat and Readhub) have null.
 */
import type { DevPage } from './truth.js';

export const DEV_SET: DevPage[] = [
  {
    file: '163-1.html',
    title: ['多地项目连环', '暗伤"曝露？', 23],
    time: '2019-09-07 13:43:45',
    body: { from: '（原标题：多地项目连', to: '给投资者作一个交代。', chars: 4204 },
  },
  {
    file: '163-2.html',
    title: ['姚明对周琦说', '半场判若两人', 19],
    time: '2019-09-07 09:59:22',
    body: { from: '（原标题：姚明对周琦', to: '2次抢断、2记盖帽。', chars: 334 },
  },
  {
    file: '163-3.html',
    title: ['奖金711万', '女性啥来头?', 26],
    time: '2019-09-08 00:20:15',
    body: { from: '（原标题：单项奖金1', to: '人民的生活更幸福!”', chars: 2443 },
  },
  {
    file: '163-4.html',
    title: ['华为Mate', '制约5G芯片', 29],
    time: '2019-09-07 19:53:27',
    body: { from: '（原标题：5G手机芯', to: '，文中张严为化名。）', chars: 3952 },
  },
  {
    file: '163-5.html',
    title: ['女警打百个电', '诈骗智商感人', 24],
    time: '2019-09-07 16:28:35',
    body: {
      from: '（原标题：民警电话遭',
      to: '手段下尽量避免误伤。',
      drop: ['您的浏览器暂时无', '女民警1天拨10'],
      chars: 927,
    },
  },
  {
    file: '163-6.html',
    title: ['男孩因不想上', '抛出引来警察', 24],
    time: '2019-09-09 16:19:28',
    body: { from: '（原标题：“救命啊S', to: '做他不喜欢做的事情。', chars: 1266 },
  },
  {
    file: '163-7.html',
    title: ['亚马逊海外购', '”登陆拼多多', 18],
    time: '2019-11-25 11:01:53',
    body: { from: '（原标题：“黑五”战', to: '新京报记者 陆一夫', chars: 771 },
  },
  {
    file: '163-8.html',
    title: ['国务院联防联', '格管控防输出', 23],
    time: '2020-02-29 18:34:31',
    body: { from: '（原标题：国务院联防', to: '性、精准性、针对性。', chars: 985 },
  },
  {
    file: '163-9.html',
    title: ['5月20日至', '枢纽段封闭！', 30],
    time: '2019-05-17',
    body: { from: '下周一，', to: '平安出行，安全到家。', chars: 1069 },
  },
  {
    file: 'baijiahao-1.html',
    title: ['英国美女在殡', '时收入近千元', 29],
    time: '2019-10-08 12:00',
    body: { from: '英国汉普郡贝辛斯托克', to: '往埃及参加国际决赛。', chars: 1117 },
  },
  {
    file: 'baijiahao-2.html',
    title: ['日本最后一家', '为BB机送终', 25],
    time: '2019-09-30 22:46',
    body: { from: 'IT之家9月30日消', to: '“没见过也没用过”。', chars: 297 },
  },
  {
    file: 'baijiahao-3.html',
    title: ['这款休闲裤太', '潮流穿着舒适', 19],
    time: '2018-03-08 23:16',
    body: { from: '水洗工艺，最大程度凸', to: '闲裤明星同款运动长裤', chars: 2070 },
  },
  {
    file: 'baijiahao-4.html',
    title: ['一袭汉服，一', '传播中华文化', 28],
    time: '2020-01-14 17:58',
    body: { from: '前段时间，在某平台举', to: '，只为传播中华文化。', chars: 1988 },
  },
  {
    file: 'cjddsb-1.html',
    title: ['常德市金融系', '进万家”活动', 30],
    time: '2019-09-23 14:34:05',
    body: { from: '为持续推动金融消费者', to: '图 刘玺东 易赛楠)', chars: 655 },
  },
  {
    file: 'cjn-1.html',
    title: ['外媒眼中的武', '展，欢声笑语', 19],
    time: '2020-10-04 20:30',
    body: { from: '长江网10月4日讯（', to: '参考消息、海外网等）', chars: 1170 },
  },
  {
    file: 'cmse-1.html',
    title: ['天宫一号与神', '场新闻发布会', 25],
    time: '2012-06-24',
    body: { from: '中国载人航天工程新闻', to: '愿意回答大家的提问。', chars: 715 },
  },
  {
    file: 'csdn-1.html',
    title: ['第三届知道安', 'oomEye', 29],
    time: '2014-08-24 21:30',
    body: { from: '摘要：2014年8月', to: '”，余弦骄傲地说道。', chars: 3609 },
  },
  {
    file: 'ednchina-1.html',
    title: ['阿里发布最强', '顶十块GPU', 28],
    time: '2019-09-25',
    body: { from: ' 发布含光800芯', to: '体化协同发展的公司。', chars: 1938 },
  },
  {
    file: 'gamersky-gamersky.html',
    title: ['逆水寒再按照', '到律师函了！', 28],
    time: '2019-09-05 11:10',
    body: { from: '《逆水寒》每周的版本', to: '一下”的花哨动作。”', chars: 398 },
  },
  {
    file: 'gsc-1.html',
    title: ['2019年中', '学成功举行！', 28],
    time: '2019-05-18',
    body: { from: '5月10-12日，2', to: '成果和学科发展盛况。', chars: 1594 },
  },
  {
    file: 'guancha-2.html',
    title: ['我国集成电路', '产品作为中心', 37],
    time: '2019-09-07 15:10:53',
    body: { from: '9月3日，在第二届全', to: '资在大陆的企业贡献。', chars: 914 },
  },
  {
    file: 'guancha-3.html',
    title: ['苹果回应“违', '多数指控错误', 21],
    time: '2019-09-09 19:32:27',
    body: { from: '据中新网9月9日报道', to: '稿时，尚未收到回应。', chars: 446 },
  },
  {
    file: 'guancha-guancha.html',
    title: ['王文：中美贸', '的斗志被激发', 22],
    time: '2019-09-07 09:25:09',
    body: { from: '【文/观察者网专栏作', to: '国无惧“比拼耐力”。', chars: 1374 },
  },
  {
    file: 'gzggw-1.html',
    title: ['1-10月德', '结构趋稳趋优', 20],
    time: '2016-11-22',
    body: { from: '1-10月，全县固定', to: '优。（德清县发改局）', chars: 248 },
  },
  {
    file: 'hexun-1.html',
    title: ['交通运输部：', '立体交通网络', 23],
    time: '2019-09-26 10:56:28',
    body: { from: '据财联社9月26日消', to: '1.5小时交通圈”。', chars: 114 },
  },
  {
    file: 'huanqiu-1.html',
    title: ['补壹刀：别笑', '”今天成立了', 23],
    time: '2020-06-05 20:35',
    body: { from: '执笔/叨叨姐、胡一刀', to: '图片均来自网络', chars: 3010 },
  },
  {
    file: 'ifeng-1.html',
    title: ['女童眼睛被塞', '用科学解释”', 20],
    time: '2019-11-25 16:04:30',
    body: { from: '澎湃新闻记者 段彦超', to: '金茹对此文亦有贡献）', chars: 3951 },
  },
  {
    file: 'ifeng-2.html',
    title: ['他放弃百万年', '要求竟是……', 21],
    time: '2019-09-09 18:13:22',
    body: { from: '杭州市学军中学校长陈', to: '声：老师，您辛苦了。', chars: 4481 },
  },
  {
    file: 'ifeng-3.html',
    title: ['疫情防控常态', '的新经济之路', 18],
    time: '2020-09-11 18:05',
    body: { from: '2020年，因为疫情', to: '的精神，它就是长春！', chars: 1177 },
  },
  {
    file: 'ifeng-ifeng.html',
    title: ['董又霖主持首', '：会继续努力', 21],
    time: '2019-09-07 08:05:32',
    body: { from: '据台媒报道，艺人董又', to: '社交平台的话题人物。', chars: 655 },
  },
  {
    file: 'mingridapan-1.html',
    title: ['最新出炉联合', '降至2.3%', 30],
    time: '2019-09-26 10:09:11',
    body: { from: '联合国贸发会议发布了', to: '易增长也将严重减缓。', chars: 131 },
  },
  {
    file: 'njxfhn-1.html',
    title: ['[诗婷露雅化', '电诈团伙被端', 39],
    time: '2019-09-11',
    body: { from: '原标题：江门七旬阿婆', to: '记者 余毅菁 向雪妮', chars: 2893 },
  },
  {
    file: 'other-1.html',
    title: ['全国人民代表', '额限额的决议', 48],
    time: '2007-08-20',
    body: { from: '（2007年6月29', to: '3365.53亿元。', chars: 232 },
  },
  {
    file: 'people-1.html',
    title: ['女儿出嫁，郑', '笔兰花当嫁妆', 17],
    time: '2019-06-15 08:18',
    body: { from: '父亲的教诲像一盏灯，', to: '行间都是对儿子的爱。', chars: 691 },
  },
  {
    file: 'qq-2.html',
    title: ['棱镜|数据业', '信息几元不等', 29],
    time: '2019-09-23 07:48',
    body: { from: '划重点：', to: '行业的整顿仍将持续。', chars: 3387 },
  },
  {
    file: 'qq-qq.html',
    title: ['儿歌一分钱被', '觉得拗口吗？', 29],
    time: '2019-09-07 19:02',
    body: { from: '潘振声女儿马莉表示，', to: '扬子晚报记者 张楠', chars: 1681 },
  },
  {
    file: 'readhub-readhub.html',
    title: ['运营商 5G', '提供购机补贴', 24],
    time: null,
    body: { from: '根据运营商内部人士透', to: ' 手机直接进行补贴。', chars: 183 },
  },
  {
    file: 'shanxi-1.html',
    title: ['山西品牌丝路', '站）正式启动', 16],
    time: '2019-09-18 06:23',
    body: { from: '图为山西品牌丝路行（', to: '根廷举行。（张巨峰）', chars: 1006 },
  },
  {
    file: 'sina-1.html',
    title: ['中国人习以为', '“了不得”？', 23],
    time: '2019-11-25 18:57',
    body: { from: '原标题：视界丨这个中', to: '运动场”。（BBC）', drop: ['视频-这个中国人'], chars: 1149 },
  },
  {
    file: 'sina-2.html',
    title: ['60万"12', '谣称消息不实', 26],
    time: '2018-12-28 19:55',
    body: { from: '新京报快讯（记者 裴', to: '渠道购票带来的风险。', chars: 213 },
  },
  {
    file: 'sina-3.html',
    title: ['债券市场是否', '资官们这么说', 24],
    time: '2019-09-09 20:52',
    body: { from: '原创： 路闻卓立编译', to: '重启量化宽松。（完）', chars: 3640 },
  },
  {
    file: 'sina-4.html',
    title: ['苹果发布新i', '售6799元', 37],
    time: '2019-09-11 01:53',
    body: { from: '新浪科技讯 北京时间', to: 'Phone。(李楠)', chars: 916 },
  },
  {
    file: 'sina-5.html',
    title: ['陈同佳刑满出狱 ', '晓颖家人鞠躬致歉', 18],
    time: '2019-10-23 09:05',
    body: { from: '原标题：快讯！陈同佳', to: '同佳上车离开了现场。', drop: ['视频-陈同佳出狱'], chars: 410 },
  },
  {
    file: 'sina-sina.html',
    title: ['最强“中国芯', '5G芯片大战', 22],
    time: '2019-09-07 04:04',
    body: { from: '原标题：最强“中国芯', to: '上已超过10亿美元。', chars: 1611 },
  },
  {
    file: 'stcn-1.html',
    title: ['午间公告：天', '标7亿元项目', 29],
    time: '2019-09-26 12:11',
    body: { from: '证券时报e公司讯，当', to: '日本伊戈尔少数股权。', chars: 208 },
  },
  {
    file: 'sxmu-1.html',
    title: ['中华人民共', '和国监察法', 10],
    time: '2018-05-17',
    body: { from: '《中华人民共和国监察', to: '政监察法》同时废止。', chars: 8872 },
  },
  {
    file: 'thepaper-1.html',
    title: ['共享充电宝涨', '还是回归理性', 27],
    time: '2019-09-24 09:10',
    body: { from: '共享充电宝。视觉中国', to: '还是“回归理性”》）', chars: 2662 },
  },
  {
    file: 'thepaper-2.html',
    title: ['定了！广州南', '无敌免...', 27],
    time: '2019-08-13 14:07',
    body: { from: '本文原标题：《定了！', to: '开始搓搓手了！！！', drop: ['������'], chars: 1210 },
  },
  {
    file: 'thepaper-3.html',
    title: ['新年伊始，习', '文章谈了啥？', 17],
    time: '2020-01-03 18:13',
    body: { from: '【编前语】2020年', to: '重要文章谈了啥？》）', chars: 2929 },
  },
  {
    file: 'thepaper-5.html',
    title: ['柳叶刀：味觉', '优于发烧咳嗽', 28],
    time: '2020-06-06 10:08',
    body: { from: '此前，发烧、咳嗽被认', to: '状，对疾控至关重要。', chars: 1787 },
  },
  {
    file: 'toutiao-2.html',
    title: ['最不愁吃肉的', '运输蔬菜水果', 26],
    time: '2019-09-08 11:42:03',
    body: { from: '1/10 当全世界绝', to: '二大内陆国的蒙古国。', chars: 94 },
  },
  {
    file: 'toutiao-3.html',
    title: ['海螺沟寻子一', '母亲不舍离去', 30],
    time: '2019-09-09 16:01:46',
    body: { from: '8岁儿子在四川海螺沟', to: '南都见习记者 林子沛', chars: 3524 },
  },
  {
    file: 'toutiao-4.html',
    title: ['较强冷空气来', '抖抖抖”模式', 21],
    time: '2019-11-25 10:37:31',
    body: { from: '综合消息，近日，较强', to: '天出行注意交通安全。', chars: 1526 },
  },
  {
    file: 'toutiao-5.html',
    title: ['顺丰小哥汪勇', '问题的摆渡人', 34],
    time: '2020-03-09 18:14:21',
    body: { from: '最近，武汉一个顺丰小', to: '陪陪家人”。——汪勇', chars: 3459 },
  },
  {
    file: 'toutiao-toutiao.html',
    title: ['英国独立游戏', '元素结合体验', 27],
    time: '2019-09-04 22:18:34',
    body: { from: 'FreeCell Q', to: 'C，暂时没有简体中文', chars: 371 },
  },
  {
    file: 'wechat-1.html',
    title: ['三星 Gal', '手机正式发布', 22],
    time: null,
    body: { from: '今天凌晨，三星在美国', to: '黑、金、紫三色可选。', chars: 1514 },
  },
  {
    file: 'wechat-2.html',
    title: ['一日一技：在', '实现延迟调用', 21],
    time: null,
    body: { from: '摄影：产品经理', to: '终增加一条日期数据。', chars: 1736 },
  },
  {
    file: 'xds-1.html',
    title: ['【资讯汇总】9月2', ' 准确把握市场走向', 28],
    time: '2019-09-26 15:10',
    body: { from: '收盘播报', to: '金使用情况是良好的。', chars: 1561 },
  },
  {
    file: 'xinhuanet-1.html',
    title: ['法国全国大罢', '严重影响交通', 15],
    time: '2019-12-10 07:57:40',
    body: { from: '新华社巴黎12月9日', to: '制度改革的总体架构。', chars: 554 },
  },
  {
    file: 'zsnews-1.html',
    title: ['顺德区大良街', '开展调研工作', 29],
    time: '2019-03-06',
    body: { from: '2019年2月27日', to: '发展提供创新驱动力。', chars: 403 },
  },
  {
    file: 'zyyfy-1.html',
    title: ['【不忘初心 ', '专业技能大赛', 43],
    time: '2019-10-31 23:00',
    body: { from: '本站讯（职工通讯员 ', to: '影/张艳 编辑/苏芳', chars: 590 },
  },
];
