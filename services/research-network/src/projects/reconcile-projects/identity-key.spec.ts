import { identityKeyOf, normaliseForIdentity } from './identity-key';

describe('project identity key (#18.15)', () => {
  it('folds full-width forms, case, whitespace and punctuation', () => {
    expect(normaliseForIdentity('面向６Ｇ的太赫兹通信芯片（一期）')).toBe(normaliseForIdentity('面向6g的 太赫兹通信芯片(一期)'));
    expect(normaliseForIdentity('  固态锂电池·电解质。 ')).toBe('固态锂电池电解质');
    expect(normaliseForIdentity('ＴＨｚ　Ｃｈｉｐ')).toBe('thzchip');
    expect(normaliseForIdentity('A\u200bB\tC')).toBe('abc');
  });

  it('keeps different titles or institutions apart', () => {
    expect(identityKeyOf('固态锂电池电解质', '清华大学')).toBe(identityKeyOf('固态锂电池　电解质', '清华大学 '));
    expect(identityKeyOf('固态锂电池电解质', '清华大学')).not.toBe(identityKeyOf('固态锂电池电解质', '北京大学'));
    expect(identityKeyOf('固态锂电池电解质', '清华大学')).not.toBe(identityKeyOf('固态钠电池电解质', '清华大学'));
    // The separator cannot be forged by moving text between the two fields.
    expect(identityKeyOf('ab', 'c')).not.toBe(identityKeyOf('a', 'bc'));
  });
});
