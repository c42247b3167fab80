/** The wire format is UTF-8 JSON: bytes that are not UTF-8 are refused with their offset, never replaced by U+FFFD (#18.16). */
import { decodeUtf8, fromWireValue } from './kafka-wire';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('decodes UTF-8 text, Chinese and emoji included', () => {
    expect(decodeUtf8(bytes('{"title":"天开园 🚀"}'))).toEqual({ ok: true, text: '{"title":"天开园 🚀"}' });
  });

  it.each([
    ['a lone continuation byte', bytes('ab', [0x80], 'c'), 2],
    ['an overlong encoding of "/"', bytes('x', [0xc0, 0xaf]), 1],
    ['a surrogate encoded as UTF-8', bytes('天', [0xed, 0xa0, 0x80]), 3],
    ['a sequence cut at the end', bytes('天', [0xe5, 0xbc]), 3],
    ['a code point above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 0],
    ['Latin-1 text', Buffer.from('café', 'latin1'), 3],
  ])('refuses %s and names the offset of its first byte', (_, input, offset) => {
    expect(decodeUtf8(input)).toEqual({ ok: false, offset });
  });
});

describe('fromWireValue', () => {
  it('refuses a value that is not UTF-8 and says so', () => {
    const read = fromWireValue(bytes('{"title":"', [0xff], '"}'));
    expect(read).toEqual({ ok: false, reason: expect.stringContaining('not valid UTF-8 (byte 10)') });
  });

  it('parses a UTF-8 JSON value', () => {
    expect(fromWireValue(bytes('{"a":"天"}'))).toEqual({ ok: true, raw: { a: '天' } });
  });
});
