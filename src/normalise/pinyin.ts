/**
 * Some sites annotate characters with their pinyin: 建设(shè)质(zhì)量. The annotation is a CJK
 * character followed by a parenthesised single pinyin syllable (lower-case, tone marks allowed).
 * Parentheses after non-CJK text, or holding CJK, digits or several words, are left alone.
 */
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê';
const ANNOTATION = new RegExp(`(?<=[\\u3400-\\u9fff\\uf900-\\ufaff])[(（]([a-z${TONED}]{1,6})[)）]`, 'gu');
const SYLLABLE = new RegExp(`^[bpmfdtnlgkhjqxrzcsyw]?h?[${'aeiouv'}${TONED}][a-z${TONED}]*$`, 'u');

export function stripPinyinAnnotations(text: string): string {
  return text.replace(ANNOTATION, (whole, syllable: string) => (SYLLABLE.test(syllable) ? '' : whole));
}
