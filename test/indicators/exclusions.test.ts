import { describe, expect, it } from 'vitest';
import { scanQuantities } from '../../src/indicators/quantities.js';

describe('not indicators', () => {
  it.each([
    ['dates and years', '2021-09-23 10:27:45 2022年 9月16日 2023年4月'],
    ['times', '发布日期: 2023-06-07 09:00'],
    ['phone numbers', '联系电话:13557725771'],
    ['document and proposal numbers', '政协十三届第三次会议第011号提案 (第011)已收悉 011号提案'],
    ['list ordinals', '一是突出 二是开展 (三)打造 (一)持续'],
    ['party congresses and sittings', '党的二十大精神 十九大后 十三届三次会议 政协十三届 九届人大四次会议'],
    ['ordinals with a measure word', '第22届中国外观设计优秀奖 第六届 第二家 第三次会议'],
    ['"4·27" and 1+7', '“4·27”重要讲话 “1+7”系列政策'],
    ['durations', '历时7年 连续4年 仅用2个多月 从1个月缩短至5天 12年来 两个小时过去了 3个工作日'],
    ['estimates written as neighbouring digits', '月末能拿五六千元 三四十家'],
    [
      'idioms with numerals',
      '一次性补助 走出一条道路 一座城市 一站式 三品一标 百城千业万企 千企技改 万亿工业强市',
    ],
    ['titles of documents', '《深化开展质量提升行动方案(2021-2022年)》《关于3个问题的通知》'],
    ['league-table names', '世界工程机械50强企业 中国地标价值100强'],
    ['five-year plans', '自十一五开始 十三五以来'],
    ['a lone 一 used as an article', '看见一个孩子 提供了一个手机号码 一家饭店'],
    ['written-out numerals in prose', '判若两人 要做的五件事 四处撒欢 八国联盟 三款中屏幕最大'],
    ['vague and distributive counts', '几十张纸片 数十家企业 每一家企业'],
    ['model names', 'iPhone 11处理器 Mate20款'],
    ['"first one", not a rank', '全球第一个支持5G的标准 全国第一家'],
    ['written-out numerals in slogans', '按照“四个最严”的要求 落实"四个最严"'],
    ['the parts of an account', '启动仪式分为四个板块 反映了等十一个方面 从11个方面'],
    ['grades and measures of a plan', '评价结果分3个等级 提出5项质量措施'],
    ['league tables', '在全国空气质量排名前20名城市中'],
    ['rules of a programme', '每届获奖企业(组织)不超过2个。为年度奖,获奖单位数量每次不超过6个'],
    ['a figure referred to again', '这3大类产品 上述5家企业。六大类产品中,家电合格率最高'],
    [
      'thresholds inside a label or the aside defining it',
      '50万元以上仪器设备 规模100万元以下企业 规模以上(年营业收入2000万元以上)机构',
    ],
    ['page counters', '本文字数:392 浏览量:28073'],
  ])('%s', (_, s) => {
    expect(scanQuantities(s)).toEqual([]);
  });

  it('still takes a count next to an excluded ordinal', () => {
    const qs = scanQuantities('柳州市有3件专利荣获第22届中国外观设计优秀奖');
    expect(qs.map((q) => q.written)).toEqual(['3件']);
  });
});
