import { describe, expect, it } from 'vitest';
import { CatalogueSchema, GazetteerSchema, metricCatalogue } from '../../src/indicators/catalogue.js';
import { chooseLabel, labelParts } from '../../src/indicators/label.js';
import { attributeMetric, levelOf } from '../../src/indicators/metric.js';
import { scanQuantities } from '../../src/indicators/quantities.js';

function labelFor(sentence: string, index = 0): string {
  const qs = scanQuantities(sentence);
  const q = qs[index];
  if (!q) throw new Error('no quantity');
  const parts = labelParts(
    sentence,
    q.start,
    q.end,
    qs[index - 1]?.end ?? 0,
    qs[index + 1]?.start ?? sentence.length,
  );
  const span = chooseLabel(q.kind, parts);
  return span ? sentence.slice(span.start, span.start + span.length) : '';
}

describe('labels', () => {
  it('takes the noun after a count', () => {
    expect(labelFor('目前拥有2个国家级检验检测机构、8个自治区级检验检测机构', 1)).toBe(
      '自治区级检验检测机构',
    );
    expect(labelFor('柳州11家企业提交认证申请并获得6张证书')).toBe('企业');
  });
  it('takes the phrase before money, percentages and trailing counts', () => {
    expect(labelFor('钦州市工业产品抽检合格率96.6%')).toBe('钦州市工业产品抽检合格率');
    expect(labelFor('目前全市商标有效注册量达3.1万件')).toBe('商标有效注册量');
    expect(labelFor('全市共有国家高新技术企业163家')).toBe('国家高新技术企业');
  });
});

describe('labels in lists and modifiers', () => {
  it('gives list items after the first the list subject', async () => {
    const { extractIndicators } = await import('../../src/indicators/index.js');
    const text = '4家头部企业的市场份额占比分别为28.6%、27%、25.1%和15.6%。';
    const rows = extractIndicators({ text, simplified: text, title: '', publishedAt: null, source: null });
    const shares = rows.filter((r) => r.kind === 'percent');
    expect(shares.map((r) => r.value)).toEqual([28.6, 27, 25.1, 15.6]);
    for (const r of shares) expect(r.label).toBe('头部企业的市场份额占比分别');
  });
  it('takes the modified noun for 不足10平方米的饮品店', () => {
    expect(labelFor('在三里屯一家不足10平方米的饮品店里')).toBe('饮品店里');
  });
});

describe('metrics', () => {
  it('maps labels to catalogue keys', () => {
    expect(attributeMetric('国家级检验检测机构', '', 'count', '个').key).toBe('testing.institutions');
    expect(attributeMetric('工业产品抽检合格率', '', 'percent', '%').key).toBe('sampling.pass_rate');
    expect(attributeMetric('市长质量奖提名奖', '', 'count', '个')).toEqual({
      key: 'quality_award.mayor_nominee',
      level: 'municipal',
    });
    expect(attributeMetric('团体标准', '', 'count', '项').key).toBe('standards.group');
    expect(attributeMetric('有效注册商标量', '', 'count', '件').key).toBe('trademark.registered');
    expect(attributeMetric('有效发明专利量', '', 'count', '件').key).toBe('patent.invention');
    expect(attributeMetric('柳州市先后投入', '', 'money', '元').key).toBe('investment');
    expect(attributeMetric('同比增长', '', 'percent', '%').key).toBe('growth_rate');
    expect(attributeMetric('提供服务', '', 'count', '次').key).toBe('services.delivered');
    expect(attributeMetric('成功举办', '已成功举办6届', 'count', '届').key).toBe(
      'quality_award.mayor_editions',
    );
  });
  it('returns null when nothing in the catalogue fits', () => {
    expect(attributeMetric('占地', '占地26.7公顷', 'area', '平方米').key).toBeNull();
  });
  it('reads the level from the label before the metric default', () => {
    expect(levelOf('国家级检验检测机构', null)).toBe('national');
    expect(levelOf('自治区级检验检测机构', null)).toBe('provincial');
    expect(levelOf('省级检验检测机构', null)).toBe('provincial');
    expect(levelOf('市级检验检测机构', null)).toBe('municipal');
    expect(levelOf('企业', 'municipal')).toBe('municipal');
  });
  it('validates the catalogue and gazetteer with zod', () => {
    expect(metricCatalogue().length).toBeGreaterThan(20);
    const keys = metricCatalogue().map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(
      CatalogueSchema.safeParse({ metrics: [{ key: 'x', name: 'x', pattern: '(', kinds: ['count'] }] })
        .success,
    ).toBe(false);
    expect(
      CatalogueSchema.safeParse({ metrics: [{ key: 'Bad Key', name: 'x', pattern: 'a', kinds: ['count'] }] })
        .success,
    ).toBe(false);
    expect(GazetteerSchema.safeParse({ cities: [{ name: '柳州', province: '广西' }] }).success).toBe(false);
  });
});
