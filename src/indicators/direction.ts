/**
 * Is a figure a difference from a reference, and which way? Read from the words right before the
 * number: 同比增长4.41%, 同比下降1.44%, 较上年提高0.36个百分点, 比全国平均水平高3.7个百分点,
 * 高于省同期6.4个百分点, 比去年增加182批次. A level reached is not a change: 提高到81.3分, 增至62个,
 * and neither is a flow: 新增736项.
 */
const UP = '增长|增加|提高|提升|上升|扩大|增|高出|高';
const DOWN = '下降|减少|降低|回落|下滑|缩小|减|低出|低';
const DIRECTION = new RegExp(`(?<!新)(${UP}|${DOWN})了?$`, 'u');
/** 高于全国平均3.7个百分点 is a change; 均高于90% (no reference between) is a bound, not a change. */
const COMPARED = /(?:(?:高于|低于)[^，,。；;\d]{1,12}|(?:高出|低出)[^，,。；;\d]{0,12})$/u;
const DOWNWARD = new RegExp(`^(?:${DOWN})`, 'u');

/** A label that names a growth rate (专利授权增速, 增长率): the figure is a change. */
export const GROWTH_LABEL = /(?:增速|增幅|增长率)(?:保持在?|达到|达|为)?$/u;

export interface Direction {
  change: boolean;
  sign: 1 | -1;
}

export function direction(lead: string): Direction {
  const text = lead.replace(/\s+$/u, '');
  const compared = COMPARED.exec(text);
  if (compared) return { change: true, sign: compared[0].startsWith('低') ? -1 : 1 };
  const m = DIRECTION.exec(text);
  if (!m) return { change: false, sign: 1 };
  // 高/低 alone change a figure only after a comparison (比全国平均水平高3.7个百分点)
  if (/^[高低]$/.test(m[1] as string) && !/(?:比|较)[^，,。；;]{0,16}[高低]$/u.test(text))
    return { change: false, sign: 1 };
  return { change: true, sign: DOWNWARD.test(m[1] as string) ? -1 : 1 };
}

/** A label that is only the words of a change (同比增长, 较上年提高) names nothing of its own. */
export function stripChangeWords(label: string): string {
  // 同比2009年上升, 比全国平均水平高, 高于省同期: the whole phrase is the comparison
  if (/^(?:同比|环比|比|较|与|高于|低于|高出|低出)/u.test(label)) return '';
  return label
    .replace(/^分别|分别$/u, '')
    .replace(/(?:同比|环比|比上年|较上年|比去年|较去年|比上一年度?|较上一年度?)$/u, '')
    .replace(
      /(?:同比|环比|比上年|较上年|比去年|较去年|比上一年度?|较上一年度?)?(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|下滑|增速|增幅)了?$/u,
      '',
    )
    .replace(/(?:同比|环比|年均|年平均|平均每年)$/u, '');
}
