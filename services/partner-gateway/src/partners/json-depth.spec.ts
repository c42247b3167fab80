import { jsonDepth } from './json-depth';

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['"text"', 0],
    ['{}', 1],
    ['[]', 1],
    ['{"events":[{"data":{"a":[1,2]}}]}', 5],
    ['[[],[[]],[]]', 3],
  ])('measures %s as %i', (text, depth) => expect(jsonDepth(text)).toBe(depth));

  it('ignores brackets inside strings, including escaped quotes', () => {
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[[[","b":"\\\\"}')).toBe(1);
    expect(jsonDepth('{"名称":"天津大学【重点】"}')).toBe(1);
  });

  it('agrees with the structure JSON.parse builds', () => {
    const value = { events: [{ data: { team: [{ name: '王明' }], nested: { deeper: [[1]] } } }] };
    // { events [ { data { nested { deeper [ [ : seven levels
    expect(jsonDepth(JSON.stringify(value))).toBe(7);
  });

  it('stops at the limit on a hostile body, without recursion', () => {
    expect(jsonDepth('['.repeat(5_000_000), 32)).toBe(33);
    // What it reads of a 5-million-bracket body: the 33 characters up to the limit, not the rest.
    let reads = 0;
    const hostile = { length: 5_000_000, charCodeAt: () => (reads++, 0x5b) } as unknown as string;
    expect(jsonDepth(hostile, 32)).toBe(33);
    expect(reads).toBe(33);
  });
});
