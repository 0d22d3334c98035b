import { describe, expect, it } from 'vitest';
import { scanQuantities } from '../../src/indicators/quantities.js';

const one = (s: string) => {
  const qs = scanQuantities(s);
  expect(qs, s).toHaveLength(1);
  return qs[0] as NonNullable<(typeof qs)[0]>;
};
const brief = (s: string) => scanQuantities(s).map((q) => [q.value, q.unit, q.kind, q.qualifier]);

describe('money', () => {
  it('normalises to 元 and keeps the written form', () => {
    const q = one('十三五以来,柳州市投入近15亿元');
    expect(q).toMatchObject({
      value: 1500000000,
      unit: '元',
      kind: 'money',
      qualifier: '~',
      written: '近15亿元',
    });
    expect(brief('投入9.7亿元')).toEqual([[970000000, '元', 'money', null]]);
    // the scanner reads the Simplified rendering; Traditional pages are covered in extract.test.ts
    expect(brief('节约费用1251.74万元')).toEqual([[12517400, '元', 'money', null]]);
    expect(brief('新增产值8亿元')).toEqual([[800000000, '元', 'money', null]]);
    expect(brief('帮助企业融资500万元')).toEqual([[5000000, '元', 'money', null]]);
  });
  it('reads 多/余 between number and unit as at-least', () => {
    expect(brief('价值1300多万元')).toEqual([[13000000, '元', 'money', '>=']]);
    expect(brief('节约成本70余万元')).toEqual([[700000, '元', 'money', '>=']]);
  });
  it('types money per hour, per item and per year as a rate', () => {
    expect(one('部分充电宝8元每小时')).toMatchObject({ value: 8, unit: '元/小时', kind: 'rate' });
    expect(one('租金5元/小时')).toMatchObject({ value: 5, unit: '元/小时', kind: 'rate' });
    expect(one('补助2000元/人')).toMatchObject({ value: 2000, unit: '元/人', kind: 'rate' });
    expect(one('节约成本近4亿元/年')).toMatchObject({
      value: 400000000,
      unit: '元/年',
      kind: 'rate',
      qualifier: '~',
    });
  });
});

describe('counts keep their measure word', () => {
  it.each([
    ['2个国家级检验检测机构', 2, '个'],
    ['11家企业', 11, '家'],
    ['2838项', 2838, '项'],
    ['3.1万件', 31000, '件'],
    ['343张证书', 343, '张'],
    ['提供服务32688次', 32688, '次'],
    ['近7千人次', 7000, '人次'],
    ['1000余家次', 1000, '家次'],
    ['2632臺件'.replace('臺', '台'), 2632, '台件'],
    ['66.7万辆', 667000, '辆'],
    ['已成功举办6届', 6, '届'],
    ['94台(套)检验设备', 94, '台(套)'],
    ['英、法等12国', 12, '国'],
    ['173种产品', 173, '种'],
    ['27类', 27, '类'],
    ['两家企业', 2, '家'],
    ['立案件1187宗', 1187, '宗'],
    ['播出专题14期', 14, '期'],
    ['两个专业性和一个综合性平台', 1, '个'],
  ])('%s', (s, value, unit) => {
    const qs = scanQuantities(s);
    expect(qs.at(-1)).toMatchObject({ value, unit, kind: 'count' });
  });
});

describe('percentages, fractions, ranks, areas', () => {
  it('reads % and 百分之', () => {
    expect(brief('合格率96.6%')).toEqual([[96.6, '%', 'percent', null]]);
    expect(brief('百分之九十')).toEqual([[90, '%', 'percent', null]]);
    // 以上/以下 include the number, as Chinese official usage defines them
    expect(brief('保持20%以上增速')).toEqual([[20, '%', 'percent', '>=']]);
  });
  it('reads fractions as percentages', () => {
    expect(one('增加三分之一').value).toBeCloseTo(100 / 3);
  });
  it('reads a growth figure that lost its % sign', () => {
    expect(brief('同比增长38.6五菱')).toEqual([[38.6, '%', 'percent', null]]);
  });
  it('reads ranks with a scope or ranking verb', () => {
    expect(brief('消费者满意度全区排名第4')).toEqual([[4, 'rank', 'rank', null]]);
    expect(brief('增速排名全区第三')).toEqual([[3, 'rank', 'rank', null]]);
    expect(brief('位列广西第二')).toEqual([[2, 'rank', 'rank', null]]);
    expect(brief('保持全国第一')).toEqual([[1, 'rank', 'rank', null]]);
    expect(brief('获奖数列广西首位')).toEqual([[1, 'rank', 'rank', null]]);
  });
  it('normalises areas to square metres', () => {
    expect(brief('占地26.7公顷')).toEqual([[267000, '平方米', 'area', null]]);
    expect(brief('改造了2000平方米实验室')).toEqual([[2000, '平方米', 'area', null]]);
  });
});

describe('tenths and multiples', () => {
  it('reads 成 as tenths', () => {
    expect(brief('股价下跌近三成')).toEqual([[30, '%', 'percent', '~']]);
    expect(brief('会给四成到五成的流水')).toEqual([[40, '%', 'percent', '>=']]);
    expect(brief('其中3成企业获得投资')).toEqual([[30, '%', 'percent', null]]);
    expect(brief('一成不变 建成投产 成为 三成员')).toEqual([]);
  });
  it('reads 倍 as a multiple', () => {
    expect(brief('超过监管要求2倍以上')).toEqual([[2, '倍', 'multiple', '>=']]);
    expect(brief('超过监管要求两倍')).toEqual([[2, '倍', 'multiple', null]]);
  });
  it('reads 排在第4 as a rank', () => {
    expect(brief('深圳排在第4')).toEqual([[4, 'rank', 'rank', null]]);
  });
});

describe('orders of magnitude', () => {
  it('reads 上百万元 and 上千家 as at least that much', () => {
    expect(one('被诈骗上百万元')).toMatchObject({
      value: 1000000,
      unit: '元',
      qualifier: '>=',
      written: '上百万元',
    });
    expect(one('服务上千家企业')).toMatchObject({ value: 1000, unit: '家', qualifier: '>=' });
  });
});

describe('ranges', () => {
  it('accepts the unit written on both ends', () => {
    expect(one('收费仍是1元到2元每小时')).toMatchObject({
      value: 1,
      unit: '元/小时',
      kind: 'rate',
      qualifier: '>=',
    });
    expect(one('成本是2000元到3000元不等')).toMatchObject({ value: 2000, unit: '元', qualifier: '>=' });
  });
  it('records the lower bound with >= and keeps the range written', () => {
    expect(one('每年培育3至5个品牌')).toMatchObject({
      value: 3,
      unit: '个',
      qualifier: '>=',
      written: '3至5个',
    });
    expect(one('投入10-20万元')).toMatchObject({
      value: 100000,
      unit: '元',
      qualifier: '>=',
      written: '10-20万元',
    });
  });
});

describe('qualifiers', () => {
  it.each([
    ['近15亿元', '~'],
    ['约30个', '~'],
    ['30个左右', '~'],
    ['超600亿元', '>'],
    ['逾100家', '>'],
    ['超过100家', '>'],
    ['100家以上', '>='],
    ['不超过2个', '<='],
    ['不低于95%', '>='],
    ['突破6.2万件', '>'],
    ['1200余件', '>='],
    ['200多人次', '>='],
    ['不足10家', '<'],
    ['10家以内', '<='],
  ])('%s → %s', (s, q) => {
    expect(one(s).qualifier).toBe(q);
  });
});

describe('hedged and bounded figures', () => {
  it.each([
    ['近15亿元', true],
    ['约30个', true],
    ['1300多万元', true],
    ['1000余家次', true],
    ['30个左右', true],
    ['98%以上', false],
    ['超600亿元', false],
    ['不超过2个', false],
    ['96.6%', false],
  ])('%s approx: %s', (s, approx) => {
    expect(one(s).approx).toBe(approx);
  });
});

describe('numbers as these texts write them', () => {
  it('reads thousands separated by a space (2 975家, 1 205.7万辆) and a space before %', () => {
    expect(brief('市场主体2 975家')).toEqual([[2975, '家', 'count', null]]);
    expect(brief('汽车产量1 205.7万辆')).toEqual([[12057000, '辆', 'count', null]]);
    expect(brief('占机构总量的77.80 %')).toEqual([[77.8, '%', 'percent', null]]);
    // two separate numbers are not one: a figure caption and a year
    expect(brief('图1-1 2014-2024年企业制机构')).toEqual([]);
  });
  it('reads a number set apart from its multiplier or unit by one space (typeset reports)', () => {
    expect(brief('共有实验室 8120 家')).toEqual([[8120, '家', 'count', null]]);
    expect(brief('收入 312.5 亿元')).toEqual([[31250000000, '元', 'money', null]]);
    expect(brief('设备 42.6 万台套')).toEqual([[426000, '台套', 'count', null]]);
    expect(brief('人员 3 万余人')).toEqual([[30000, '人', 'count', '>=']]);
    // an ordinal or a year stays what it is
    expect(brief('排在第 3 名')).toEqual([]);
    expect(brief('2021 年共出具')).toEqual([]);
  });
  it('reads percentage points apart from percent, and per-mille', () => {
    expect(brief('提高0.36个百分点')).toEqual([[0.36, '百分点', 'points', null]]);
    expect(brief('下降2.9百分点')).toEqual([[2.9, '百分点', 'points', null]]);
    expect(brief('出生率为8.5‰')).toEqual([[8.5, '‰', 'permille', null]]);
    expect(brief('千分之三')).toEqual([[3, '‰', 'permille', null]]);
  });
  it('gives every number of a list the unit written once after the last (6.4、4.77和3.53个百分点)', () => {
    expect(brief('高于省同期6.4、4.77和3.53个百分点')).toEqual([
      [6.4, '百分点', 'points', null],
      [4.77, '百分点', 'points', null],
      [3.53, '百分点', 'points', null],
    ]);
  });
  it('reads an index, a score and a count of days only where the text says what they are', () => {
    expect(brief('制造业质量竞争力指数达到85.21')).toEqual([[85.21, '点', 'index', null]]);
    expect(brief('指数达92以上')).toEqual([[92, '点', 'index', '>=']]);
    expect(brief('服务质量满意度达90分以上')).toEqual([[90, '分', 'score', '>=']]);
    expect(brief('空气质量优良天数为347天')).toEqual([[347, '天', 'count', null]]);
    expect(brief('得了90分之后 历时347天')).toEqual([]);
  });
  it('reads a top-N rank (进入全省前七) and not a league table (前20名城市)', () => {
    expect(brief('排名进入全省前七')).toEqual([[7, 'rank', 'rank', '<=']]);
    expect(brief('位列全省县级区第五位')).toEqual([[5, 'rank', 'rank', null]]);
    expect(brief('在全国排名前20名城市中')).toEqual([]);
  });
  it('reads a strength index without a verb (品牌强度760) but not a year after 指数', () => {
    expect(brief('品牌强度760,品牌价值为3.2亿元')).toEqual([
      [760, '点', 'index', null],
      [320000000, '元', 'money', null],
    ]);
    expect(brief('竞争力指数2024年达到86')).toEqual([]);
  });
  it('reads 榜首 as first, and not the places of a table described by their ranks', () => {
    expect(brief('湖南位列榜首')).toEqual([[1, 'rank', 'rank', null]]);
    expect(brief('连续三年位居各省之首')).toEqual([[1, 'rank', 'rank', null]]);
    expect(brief('排名前十的地区依次是')).toEqual([]);
    expect(brief('排在前两位的江苏、广东')).toEqual([]);
    expect(brief('排在第三位到第五位的天津')).toEqual([]);
  });
});
