import { describe, expect, it } from 'vitest';
import { articleCity, canonicalCity, findCity } from '../../src/indicators/city.js';

describe('city gazetteer', () => {
  it('knows Simplified and Traditional names with 市 optional', () => {
    expect(canonicalCity('欽州')).toBe('钦州市');
    expect(canonicalCity('錦州')).toBe('锦州市');
    expect(canonicalCity('锦州市')).toBe('锦州市');
    expect(canonicalCity('柳州')).toBe('柳州市');
    expect(canonicalCity('瀋陽市')).toBe('沈阳市');
    expect(canonicalCity('无名')).toBeNull();
  });
  it('finds the first city mentioned', () => {
    expect(findCity('遼寧錦州市深化質量提升')).toBe('锦州市');
    expect(findCity('在浙江省杭州市举办的大会上,柳州市市长')).toBe('杭州市');
    expect(findCity('质量强国')).toBeNull();
  });
  it('prefers title, then source line, then body, then the default', () => {
    expect(articleCity({ title: '柳州探索质量之路', source: '广西日报', body: '在杭州市举办' })).toBe(
      '柳州市',
    );
    expect(articleCity({ title: '开启质量强市新时代', source: '柳州日报', body: '在杭州市举办' })).toBe(
      '柳州市',
    );
    expect(articleCity({ title: '质量提升', source: null, body: '欽州市創新實施' })).toBe('钦州市');
    expect(articleCity({ title: '质量提升', source: null, body: '无', defaultCity: '錦州' })).toBe('锦州市');
    expect(articleCity({ title: '质量提升', source: null, body: '无' })).toBeNull();
  });
});
