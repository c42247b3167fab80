import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { StorableTextPipe } from './validation';

const sut = new StorableTextPipe();
const as = (type: ArgumentMetadata['type'], data?: string): ArgumentMetadata => ({ type, ...(data !== undefined && { data }) });

function refusal(value: unknown, meta: ArgumentMetadata): { path: string; rule: string } {
  try {
    sut.transform(value, meta);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as { errors: { path: string; rule: string }[] };
    const { path, rule } = body.errors[0]!;
    return { path, rule };
  }
  throw new Error('expected a 400');
}

describe('StorableTextPipe', () => {
  it('passes Chinese text, emoji and ordinary values through unchanged', () => {
    const body = { title: '天津颠覆性技术 🚀', team: [{ name: '王五' }], trl: 3 };
    expect(sut.transform(body, as('body'))).toBe(body);
    expect(sut.transform('p-1', as('param', 'id'))).toBe('p-1');
  });

  it('refuses a NUL in a path parameter, naming the parameter', () => {
    expect(refusal('a\u0000b', as('param', 'id'))).toEqual({ path: 'id', rule: 'invalid_character' });
  });

  it('refuses a NUL nested in a body, naming the field path', () => {
    expect(refusal({ team: [{ name: 'x\u0000' }] }, as('body'))).toEqual({ path: 'team.0.name', rule: 'invalid_character' });
  });

  it('refuses unpaired surrogates in a query but keeps paired ones (emoji)', () => {
    expect(refusal({ q: '\uD83D' }, as('query'))).toEqual({ path: 'q', rule: 'invalid_character' });
    expect(refusal({ q: 'x\uDE80' }, as('query'))).toEqual({ path: 'q', rule: 'invalid_character' });
    expect(sut.transform({ q: '\uD83D\uDE80' }, as('query'))).toEqual({ q: '🚀' });
  });

  it('refuses such characters in keys too', () => {
    expect(refusal({ ['k\u0000']: 1 }, as('body'))).toEqual({ path: 'k\u0000', rule: 'invalid_character' });
  });

  it('refuses a path id longer than 128 characters, naming it', () => {
    expect(sut.transform('a'.repeat(128), as('param', 'id'))).toBe('a'.repeat(128));
    expect(refusal('a'.repeat(129), as('param', 'id'))).toEqual({ path: 'id', rule: 'too_big' });
  });

  it('leaves custom parameter decorators alone', () => {
    expect(sut.transform({ sub: '\u0000' }, as('custom'))).toEqual({ sub: '\u0000' });
  });
});
