import { describe, expect, it } from 'vitest';
import { articleCity, articleScope, canonicalCity, findCity } from '../../src/indicators/city.js';
import { extractFrom, type RunOptions } from './helpers.js';

const scopeOf = (title: string, body: string, defaultCity?: string) =>
  articleScope({ title, source: null, body, ...(defaultCity ? { defaultCity } : {}) });

const rows = (raw: string, opts: RunOptions = {}) => extractFrom(raw, opts).rows;
const where = (r: { level: string; city: string | null }) => `${r.level}:${r.city ?? '-'}`;

describe('gazetteer', () => {
  it('knows every prefecture-level city, in either script, with or without 市', () => {
    expect(canonicalCity('欽州')).toBe('钦州市');
    expect(canonicalCity('巴彥淖爾')).toBe('巴彦淖尔市');
    expect(canonicalCity('内江市')).toBe('内江市');
    expect(canonicalCity('延边')).toBe('延边朝鲜族自治州');
    expect(canonicalCity('无名')).toBeNull();
    expect(findCity('遼寧錦州市深化質量提升')).toBe('锦州市');
  });
  it('does not read everyday words as cities (大同, 安康 need their 市)', () => {
    expect(findCity('世界大同,人民安康')).toBeNull();
    expect(findCity('大同市质量强市')).toBe('大同市');
  });
});

describe('the document’s own city', () => {
  it('comes from the title before the body', () => {
    expect(articleCity({ title: '柳州探索质量之路', source: null, body: '在杭州市举办' })).toBe('柳州市');
  });
  it('skips a venue, a publisher and a company name in the body', () => {
    expect(scopeOf('', '质量盛典在北京人民大会堂举行,福州荣获全国十大质量魅力城市。').city).toBe('福州市');
    expect(scopeOf('', '广州日报讯 梅州市印发方案,全市新增5家。').city).toBe('梅州市');
    expect(
      scopeOf('', '授予博世汽车部件(苏州)有限公司、宁波舟山港集团有限公司中国质量奖,市场监管总局审定。'),
    ).toMatchObject({
      level: 'national',
      city: null,
    });
  });
  it('skips a dateline (中新社北京6月12日电)', () => {
    expect(scopeOf('', '中新社北京6月12日电 截至2015年底,全国检验检测机构共计31122家。')).toMatchObject({
      level: 'national',
      city: null,
    });
  });
  it('reads 我市/全市 as the configured city when the text names none, and a configured district with 我区', () => {
    expect(scopeOf('', '全市工业产品合格率95%。', '黄石')).toMatchObject({ level: 'city', city: '黄石市' });
    expect(scopeOf('', '今年我区5家企业获评区长质量奖。', '常州市武进区')).toMatchObject({
      level: 'district',
      city: '常州市',
      district: '武进区',
    });
  });
  it('does not let a configured publisher city override the city the title names', () => {
    expect(scopeOf('梅州印发质量强市建设实施方案', '广州日报讯 我市…', '广州市').city).toBe('梅州市');
  });
  it('makes a district named in the title, or a text speaking of 我区/全区, a district’s', () => {
    expect(scopeOf('珠海市金湾区市场监督管理局第三季度工作情况', '今年以来…')).toMatchObject({
      level: 'district',
      city: '珠海市',
      district: '金湾区',
    });
    expect(scopeOf('区市场监督管理局全年工作总结', '推动全区高质量发展,全区注册商标9820件。')).toMatchObject({
      level: 'district',
    });
  });
  it('makes a province named in the title a provincial document, 我国 a national one', () => {
    expect(scopeOf('山东省2023年质量月启动', '启动仪式在淄博举行。全省培育省长质量奖87个。')).toMatchObject({
      level: 'provincial',
      city: null,
    });
    expect(scopeOf('我国制造业质量竞争力指数达到85.21', '')).toMatchObject({ level: 'national', city: null });
    expect(scopeOf('', '国家监督抽查了我省71类611家企业的产品。')).toMatchObject({
      level: 'provincial',
      city: null,
    });
  });
});

describe('whose figure it is', () => {
  it('gives provincial and national figures their level and no city, beside the city’s own', () => {
    const r = rows('近期,省市场监管局确定了全省33家试点企业,泉州14家企业入选,数量居全省首位。', {
      defaultCity: '泉州',
    });
    expect(r.map(where)).toEqual(['provincial:-', 'city:泉州市', 'city:泉州市']);
  });
  it('does not take the baseline of a comparison for the subject (比全国平均水平高, 高出全省平均水平)', () => {
    const r = rows('我省产品抽样合格率为81.2%,比全国平均水平高3.7个百分点,也远高于广东省72.7%的抽查合格率。');
    expect(r.map((x) => [x.value, where(x), x.change])).toEqual([
      [81.2, 'provincial:-', false],
      [3.7, 'provincial:-', true],
      [72.7, 'provincial:-', false],
    ]);
  });
  it('gives a province its own figure in a national list (广东省(21.6%)、浙江省(16.9%))', () => {
    const r = rows('我国抽查批次占比较高的依次是广东省(21.6%)、浙江省(16.9%)。');
    expect(r.map(where)).toEqual(['provincial:-', 'provincial:-']);
  });
  it('gives a named other city its own figure', () => {
    const r = rows('我市新增3家,南宁市新增5家。', { defaultCity: '柳州市' });
    expect(r.map(where)).toEqual(['city:柳州市', 'city:南宁市']);
  });
  it('skips a dateline ending in 消息 and reads a text that first names its province as provincial', () => {
    expect(rows('新华网南京5月3日消息 全市新增企业5家。', { defaultCity: '九江市' }).map(where)).toEqual([
      'city:九江市',
    ]);
    const r = rows(
      '记者从省质监局获悉,江西省以质量为主题开展工作。\n去年新增名牌产品120个。\n九江市获评示范城市。',
    );
    expect(r.map(where)).toEqual(['provincial:-']);
  });
  it('reads a municipality listed among provinces as a province (江苏、天津、四川分别…)', () => {
    const r = rows('据年度报告,江苏、天津、四川分别公布了300项、200项和100项团体标准。');
    expect(r.map((x) => [x.value, where(x)])).toEqual([
      [300, 'provincial:-'],
      [200, 'provincial:-'],
      [100, 'provincial:-'],
    ]);
  });
  it('does not take a place written onto an award for the subject (江西省省长质量奖企业2家)', () => {
    const r = rows('经开区已培育出江西省省长质量奖企业2家、南昌市市长质量奖5家。', { defaultCity: '南昌市' });
    expect(r.map((x) => [x.value, where(x)])).toEqual([
      [2, 'district:南昌市'],
      [5, 'district:南昌市'],
    ]);
  });
  it('does not take the field a subject excels in, or the whole of a share, for the subject', () => {
    const opts = { defaultCity: '九江市' };
    expect(rows('我市在全省率先完成审批12批次。', opts).map(where)).toEqual(['city:九江市']);
    expect(rows('全市产品达到全国领先水平,创造岗位3000个。', opts).map(where)).toEqual(['city:九江市']);
    expect(rows('全县茶叶面积占全国的4%。', { defaultCity: '九江市修水县' }).map(where)).toEqual([
      'district:九江市',
    ]);
  });
  it('gives a county named in the body its city when no source city is configured', () => {
    const r = rows('日前,怀宁县获批省级质量强县。目前,全县现有注册商标1200件。');
    expect(r.map(where)).toEqual(['district:安庆市']);
  });
  it('carries the subject a sentence names to the next sentences of its paragraph', () => {
    const r = rows(
      '全国抽查合格率为90.2%。\n另据江苏省质监局报告,江苏省共抽查300家企业。全年合格率96.1%。\n其中,电线电缆合格率为94%。',
    );
    expect(r.map((x) => [x.value, where(x)])).toEqual([
      [90.2, 'national:-'],
      [300, 'provincial:-'],
      [96.1, 'provincial:-'],
      [94, 'provincial:-'],
    ]);
    // a list of other places does not carry
    const list = rows('福州获评。同获此誉的还有江苏常州、甘肃天水。活动设5个评选项目。', {
      defaultCity: '福州市',
    });
    expect(list.map(where)).toEqual(['city:福州市']);
  });
  it('gives a company’s own figures to the company (enterprise), not a list of companies', () => {
    const r = rows(
      '宁波某某电器有限公司专注研发,拥有专利120余项。甲乙集团股份有限公司、丙丁科技有限公司等5家企业获市长质量奖。',
      { defaultCity: '宁波市' },
    );
    expect(r.map((x) => [x.value, where(x)])).toEqual([
      [120, 'enterprise:宁波市'],
      [5, 'city:宁波市'],
    ]);
  });
  it('reads 全区 as the autonomous region in a Guangxi city’s text, as the district in a district’s', () => {
    expect(rows('钦州市培育企业。全区共有企业5家。').map(where)).toEqual(['provincial:-']);
    expect(rows('全区共有企业5家。', { defaultCity: '常州市武进区' }).map(where)).toEqual([
      'district:常州市',
    ]);
  });
});
