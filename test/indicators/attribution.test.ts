import { describe, expect, it } from 'vitest';
import { metricCatalogue, parseCatalogue, parseGazetteer } from '../../src/indicators/catalogue.js';
import { extractIndicators } from '../../src/indicators/index.js';
import { attributeMetric } from '../../src/indicators/metric.js';

const run = (text: string, publishedAt: string | null = null) =>
  extractIndicators({ text, simplified: text, title: '', publishedAt, source: null });
const figure = (label: string, kind: 'count' | 'percent' | 'money', unit: string, clause = label) => ({
  label,
  clause,
  wide: clause,
  rest: clause,
  sentence: clause,
  kind,
  unit,
});

describe('labels', () => {
  it('takes the noun after a count and the phrase before money, rates and trailing counts', () => {
    const rows = run(
      '柳州11家企业提交认证申请,钦州市工业产品抽检合格率96.6%,全市共有国家高新技术企业163家。',
    );
    expect(rows.map((r) => r.labelSimplified)).toEqual([
      '企业',
      '钦州市工业产品抽检合格率',
      '国家高新技术企业',
    ]);
  });
  it('gives the first items of 2个国家级、6个自治区级和8个市级检验检测机构 the shared noun and a metric each', () => {
    const rows = run('建成2个国家级、6个自治区级和8个市级检验检测机构。');
    expect(rows.map((r) => [r.value, r.labelSimplified, r.metric, r.subject, r.unit])).toEqual([
      [2, '国家级检验检测机构', 'testing.institutions', '国家级', '家'],
      [6, '自治区级检验检测机构', 'testing.institutions', '省级', '家'],
      [8, '市级检验检测机构', 'testing.institutions', '市级', '家'],
    ]);
  });
  it('keeps the page script in label and gives a Simplified label beside it', () => {
    const text = '全市建成2個國家級檢驗檢測機構。';
    const simplified = '全市建成2个国家级检验检测机构。';
    const [row] = extractIndicators({ text, simplified, title: '', publishedAt: null, source: null });
    expect(row).toMatchObject({
      label: '國家級檢驗檢測機構',
      labelSimplified: '国家级检验检测机构',
      metric: 'testing.institutions',
    });
  });
  it('gives each item of 分别为 its own label (国际、国家标准数量分别为276项、9928项)', () => {
    const rows = run('累计主导及参与制定国际、国家标准数量分别为276项、9928项。');
    expect(rows.map((r) => [r.value, r.subject])).toEqual([
      [276, '国际标准'],
      [9928, '国家标准'],
    ]);
  });
  it('makes one row for each item of 均为 (企业合格率和批次合格率均为100%)', () => {
    const rows = run('企业合格率和批次合格率均为100%。');
    expect(rows.map((r) => [r.labelSimplified, r.metric])).toEqual([
      ['企业合格率', 'sampling.enterprise_pass_rate'],
      ['批次合格率', 'sampling.pass_rate'],
    ]);
  });
});

describe('metrics', () => {
  const c = metricCatalogue();
  const id = (f: ReturnType<typeof figure>) => attributeMetric(c, f)?.metric.id ?? null;
  it('maps labels to catalogue ids', () => {
    expect(id(figure('国家级检验检测机构', 'count', '个'))).toBe('testing.institutions');
    expect(id(figure('工业产品抽检合格率', 'percent', '%'))).toBe('sampling.pass_rate');
    expect(id(figure('团体标准', 'count', '项'))).toBe('standards.drafted');
    expect(id(figure('有效注册商标量', 'count', '件'))).toBe('trademark.registered');
    expect(id(figure('有效发明专利量', 'count', '件'))).toBe('patent.invention');
    expect(id(figure('柳州市先后投入', 'money', '元'))).toBe('investment');
  });
  it('gives no metric to a figure whose unit does not fit (组织企业标准公开55家 counts firms, not standards)', () => {
    expect(id(figure('组织企业标准公开', 'count', '家'))).toBeNull();
    expect(id(figure('企业产品标准自我声明公开', 'count', '项'))).toBe('standards.self_declared');
    expect(id(figure('马德里注册保护', 'count', '件'))).not.toBe('trademark.madrid_countries');
  });
  it('files 3件专利荣获…外观设计优秀奖 as an award, not as patents granted', () => {
    const [row] = run('今年上半年,柳州市有3件专利荣获第22届中国外观设计优秀奖。', '2021-09-23');
    expect(row?.metric).toBe('patent.awards');
  });
  it('puts a change in the metric of its unit: <id>.growth for %, <id>.change for percentage points', () => {
    const rows = run(
      '2023年全国制造业产品质量合格率达到93.65%,较上年提高0.36个百分点;共有检验检测机构53057家,同比下降1.44%。',
    );
    expect(rows.map((r) => [r.metric, r.unit, r.value, r.change])).toEqual([
      ['sampling.pass_rate', '%', 93.65, false],
      ['sampling.pass_rate.change', '百分点', 0.36, true],
      ['testing.institutions', '家', 53057, false],
      ['testing.institutions.growth', '%', -1.44, true],
    ]);
  });
  it('tells failing from passing (发现1786家企业的1827批次产品不合格,抽查不合格率为9.4%)', () => {
    const rows = run(
      '全年组织抽查检验18397家企业的19440批次产品,发现1786家企业的1827批次产品不合格,抽查不合格率为9.4%。',
    );
    expect(rows.map((r) => r.metric)).toEqual([
      'sampling.enterprises',
      'sampling.batches',
      'sampling.enterprises_failed',
      'sampling.batches_failed',
      'sampling.fail_rate',
    ]);
  });
  it('reads award, patent, brand and share wording seen on held-out texts', () => {
    const metricOf = (text: string) => run(text).map((r) => [r.value, r.metric, r.subject]);
    // 市长质量管理奖 is a mayor's quality award; 质量管理创新奖 is another award; a quality award's
    // list of winners is the award, not a league table
    expect(metricOf('全市共有12家企业获得市长质量管理奖。')).toEqual([
      [12, 'quality_award.winners', '市长质量奖'],
    ]);
    expect(metricOf('另有3家企业获省政府质量管理创新奖。')).toEqual([[3, null, null]]);
    expect(metricOf('本届市长质量奖揭晓,甲乙、丙丁等6家企业上榜。')).toEqual([
      [6, 'quality_award.winners', '市长质量奖'],
    ]);
    // licences approved in batches are not sampled batches
    expect(metricOf('完成工业产品生产许可审批40批次。')).toEqual([[40, null, null]]);
    // patents are counted in 项 as often as in 件; new patents are patents granted
    expect(metricOf('近3年新增发明专利120项。')).toEqual([[120, 'patent.granted', '发明专利']]);
    expect(metricOf('荣获科技领域省级奖项5项。')).toEqual([[5, 'innovation.science_awards', null]]);
    // profit is a service's economic value only when a service brought it
    expect(metricOf('获奖企业平均利润额达到3.5亿元。')).toEqual([[350000000, null, null]]);
    expect(metricOf('帮助企业增加利润200万元。')).toEqual([[2000000, 'services.economic_value', null]]);
    // 知名商标 is a designation, not registrations; a province's brand list is its famous brands
    expect(metricOf('全县有知名商标30件。')).toEqual([[30, null, null]]);
    expect(metricOf('去年新增江西名牌60个。')).toEqual([[60, 'brand.famous_products', '省级']]);
    // a demonstration zone of something else is not an agricultural one
    expect(metricOf('批准创建省级优质产品示范区4个。')).toEqual([[4, null, null]]);
    expect(metricOf('事业单位制机构的比重为19.7%。')).toEqual([[19.7, 'share', null]]);
    // wording of a second held-out set
    expect(metricOf('检出80批次产品不合格,不合格产品检出率为8.1%。').at(-1)).toEqual([
      8.1,
      'sampling.fail_rate',
      '工业产品',
    ]);
    expect(metricOf('全年业务收入完成25.6亿元。')).toEqual([[2560000000, 'output.sales_revenue', null]]);
    expect(metricOf('全市有4项标准荣获中国标准创新贡献奖。')).toEqual([
      [4, 'standards.innovation_awards', null],
    ]);
    expect(metricOf('今年新增注册商标900件,全区有效注册商标15000件。')).toEqual([
      [900, 'trademark.new_registrations', null],
      [15000, 'trademark.registered', null],
    ]);
    expect(metricOf('今年有2家企业入围百强榜。')).toEqual([[2, 'brand.listed_enterprises', null]]);
  });
  it('follows the figure before when a label names no metric of its own', () => {
    const metrics = (text: string) => run(text).map((r) => [r.value, r.metric]);
    // a share's change in points, and an average annual growth, are changes of what they follow
    expect(metrics('全国共有实验室800家,较2015年增长60.5%,年均增长6.1%。')).toEqual([
      [800, null],
      [60.5, null],
      [6.1, null],
    ]);
    expect(metrics('全国共有检验检测机构800家,较2015年增长60.5%,年均增长6.1%。')).toEqual([
      [800, 'testing.institutions'],
      [60.5, 'testing.institutions.growth'],
      [6.1, 'testing.institutions.growth'],
    ]);
    expect(metrics('检验检测机构1万家。事业单位制机构占机构总量的比重同比下降1.2个百分点。')).toEqual([
      [10000, 'testing.institutions'],
      [-1.2, 'share.change'],
    ]);
    // the sentence before sets a metric's context (检验检测 for revenue)
    expect(metrics('截至2021年底,全国共有检验检测机构5万家。全年实现营业收入4000亿元。')).toEqual([
      [50000, 'testing.institutions'],
      [400000000000, 'testing.revenue'],
    ]);
    // a count's own measure word says nothing: the 合格 before governs 1300批次
    expect(metrics('全年共抽查了1500家企业的1600批次产品,合格1200家企业的1300批次。')).toEqual([
      [1500, 'sampling.enterprises'],
      [1600, 'sampling.batches'],
      [1200, 'sampling.enterprises_passed'],
      [1300, 'sampling.batches_passed'],
    ]);
    // an item after 、 with the same noun, a place alone, "in total" alone
    expect(metrics('荣获科技领域国家级奖项2项、省级奖项15项。')).toEqual([
      [2, 'innovation.science_awards'],
      [15, 'innovation.science_awards'],
    ]);
    expect(metrics('2008年,南平获30项福建名牌产品,龙岩25项,宁德17项。')).toEqual([
      [30, 'brand.famous_products'],
      [25, 'brand.famous_products'],
      [17, 'brand.famous_products'],
    ]);
    expect(metrics('今年培育国家地理标志产品9个,总数达40个。')).toEqual([
      [9, 'geo_indication.products'],
      [40, 'geo_indication.products'],
    ]);
    // hazard screening is not a spot check, whatever the sentence before says
    expect(metrics('全年抽检食品500批次。开展烟花爆竹等8类重点工业产品质量隐患排查治理。')).toEqual([
      [500, 'sampling.batches'],
      [8, null],
    ]);
  });
  it('gives each place of a 分别 list its value, past a modifier and any verb, without rank rows', () => {
    const rows = run(
      '排在前两位的江苏、广东分别公布了500项和450项团体标准,排在第三位到第五位的天津、四川、湖北分别公布了300、200、100项。',
    );
    expect(rows.map((r) => [r.value, r.labelSimplified, r.metric, r.level])).toEqual([
      [500, '江苏', 'standards.drafted', 'provincial'],
      [450, '广东', 'standards.drafted', 'provincial'],
      [300, '天津', 'standards.drafted', 'provincial'],
      [200, '四川', 'standards.drafted', 'provincial'],
      [100, '湖北', 'standards.drafted', 'provincial'],
    ]);
  });
  it('gives every metric one unit, a Chinese and an English name and a definition', () => {
    for (const m of c.metrics) {
      expect(m.unit, m.id).toMatch(/\S/);
      expect(m.name.zh, m.id).toMatch(/\p{Script=Han}/u);
      expect(m.name.en, m.id).toMatch(/[A-Za-z]/);
      expect(m.definition.length, m.id).toBeGreaterThan(10);
      expect(m.accepts, m.id).not.toContain(m.unit);
    }
    const ids = c.metrics.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('catalogue and gazetteer validation', () => {
  const metric = {
    id: 'x.y',
    name: { zh: '某', en: 'X' },
    unit: '个',
    kind: 'count',
    definition: 'A thing.',
    match: 'a',
  };
  it('parses YAML text or an object', () => {
    const yaml =
      'metrics:\n  - { id: a.b, name: { zh: 甲, en: A }, unit: 个, kind: count, definition: d, match: 甲 }\n';
    expect(parseCatalogue(yaml).byId.has('a.b.growth')).toBe(true);
    expect(parseCatalogue({ metrics: [metric] }).metrics.map((m) => m.id)).toEqual(['x.y', 'x.y.growth']);
  });
  it('fails naming the field', () => {
    expect(() => parseCatalogue({ metrics: [{ ...metric, match: '(' }] })).toThrow(
      /metrics\[0\]\.match|match/,
    );
    expect(() => parseCatalogue({ metrics: [{ ...metric, id: 'Bad Id' }] })).toThrow(/id/);
    expect(() => parseCatalogue({ metrics: [{ ...metric, name: { zh: '某' } }] })).toThrow(/name\.en|en/);
    expect(() => parseCatalogue({ metrics: [metric, metric] })).toThrow(/duplicate id x\.y/);
    expect(() => parseCatalogue({ metrics: [{ ...metric, mach: 'a' }] })).toThrow(
      /unknown key "mach" \(did you mean "match"\?\)/,
    );
    expect(() => parseCatalogue({ metrics: [{ ...metric, dimensions: ['nope'] }] })).toThrow(
      /unknown dimension nope/,
    );
    expect(() =>
      parseGazetteer({
        provinces: [{ name: '广西壮族自治区', short: '广西' }],
        cities: [{ name: '柳江', province: '广西壮族自治区' }],
      }),
    ).toThrow(/cities\[0\]\.name|name/);
    expect(() =>
      parseGazetteer({
        provinces: [{ name: '广西壮族自治区', short: '广西' }],
        cities: [{ name: '柳州市', province: '火星' }],
      }),
    ).toThrow(/unknown province 火星/);
  });
  it('runs catalogue patterns in linear time and refuses, naming the field, those that need backtracking', () => {
    // (a+)+$ backtracks exponentially in a backtracking engine on aaaa…b (seconds at 24 letters); RE2
    // answers in linear time. That RE2 runs the catalogue shows in what it refuses: lookaround and
    // backreferences, which V8 would accept.
    const c = parseCatalogue({ metrics: [{ ...metric, match: '(a+)+$' }] });
    expect(c.byId.get('x.y')?.re.test(`${'a'.repeat(24)}b`)).toBe(false);
    expect(c.byId.get('x.y')?.re.test('aaa')).toBe(true);
    expect(() => parseCatalogue({ metrics: [{ ...metric, not: '(?=合格)合' }] })).toThrow(
      /RE2[\s\S]*metrics\[0\]\.not/,
    );
    expect(() =>
      parseCatalogue({
        dimensions: { grade: [{ value: '国家级', pattern: '(国)\\1' }] },
        metrics: [metric],
      }),
    ).toThrow(/RE2[\s\S]*dimensions\.grade\[0\]\.pattern/);
  });
});
