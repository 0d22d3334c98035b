import { stripPinyinAnnotations } from './pinyin.js';
import { alignedSimplified, detectScript } from './script.js';
import { collapseWhitespace } from './whitespace.js';
import { foldWidth } from './width.js';

export type Script = 'simplified' | 'traditional' | 'unknown';

export interface NormalisedText {
  /** Width-folded, whitespace-collapsed, pinyin-free text in the page's own script. */
  text: string;
  /** The same text in Simplified script, character-aligned with `text`. */
  simplified: string;
  script: Script;
}

export function normaliseText(input: string): NormalisedText {
  const text = collapseWhitespace(stripPinyinAnnotations(foldWidth(input.normalize('NFC'))));
  const script = detectScript(text);
  // Simplified and mixed pages still go through the converter: stray Traditional characters are common.
  const simplified = script === 'simplified' ? text : alignedSimplified(text);
  return { text, simplified, script };
}

export { stripPinyinAnnotations } from './pinyin.js';
export { alignedSimplified, detectScript } from './script.js';
export { collapseWhitespace } from './whitespace.js';
export { foldWidth } from './width.js';
