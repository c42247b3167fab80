import { clipText, isUnstorable, storableJson, storableText, unstorablePath } from './storable-text';

describe('storable text (what PostgreSQL text/jsonb can hold)', () => {
  it('flags U+0000 and unpaired surrogates, not Chinese text or emoji', () => {
    expect(isUnstorable('天津🚀中心')).toBe(false);
    expect(isUnstorable('a\u0000b')).toBe(true);
    expect(isUnstorable('\ud800')).toBe(true);
    expect(isUnstorable('🚀'.slice(0, 1))).toBe(true);
  });

  it('replaces them with U+FFFD for excerpts and messages', () => {
    expect(storableText('a\u0000b\ud800c🚀')).toBe('a\uFFFDb\uFFFDc🚀');
  });

  it('names the first unstorable string or key by its dotted path', () => {
    expect(unstorablePath({ data: { title: '成果', team: [{ name: 'ok' }, { name: 'x\u0000' }] } })).toBe('data.team.1.name');
    expect(unstorablePath({ data: { ['k\ud800']: 1 } })).toBe('data.k\ud800');
    expect(unstorablePath({ data: { title: '成果🚀' } })).toBeUndefined();
  });

  it('clips by code point, never splitting a surrogate pair, and marks the cut', () => {
    const issuer = `https://${'x'.repeat(495)}🚀🚀🚀🚀🚀🚀`;
    const clipped = clipText(issuer, 500);
    expect([...clipped]).toHaveLength(500);
    expect(isUnstorable(clipped)).toBe(false);
    expect(clipped.endsWith('…')).toBe(true);
    expect(clipText('天津中心', 500)).toBe('天津中心');
  });

  it('makes every string and key of a JSON value storable', () => {
    expect(storableJson({ reason: 'a\u0000', list: ['\ud800'], ['k\ud800']: 1 })).toEqual({ reason: 'a\uFFFD', list: ['\uFFFD'], ['k\uFFFD']: 1 });
  });
});
