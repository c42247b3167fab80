/**
 * What two reports of one project share whoever typed them: the title and the
 * institution, normalised. NFKC folds full-width letters, digits and
 * punctuation to their half-width forms (（） → ()、ＡＢＣ → ABC) and
 * compatibility characters; case is folded; every whitespace, punctuation and
 * symbol character is dropped, so "固态锂电池 电解质" and "固态锂电池电解质。"
 * meet. Only a suspicion: the research coordinator decides (ADR 0016).
 */
export function normaliseForIdentity(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu, '');
}

export function identityKeyOf(title: string, institutionName: string): string {
  return `${normaliseForIdentity(title)}|${normaliseForIdentity(institutionName)}`;
}
