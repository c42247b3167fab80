/** Which client request ids are kept (#18.7). Pure function; nothing faked. */
import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it.each(['batch-42', '01J9Z3Q4XW', '4bf92f3577b34da6a3ce929d0e0e4736', 'a:b.c_d-e', 'x'.repeat(64)])('keeps %s', (id) => expect(requestIdFrom({ 'x-request-id': id })).toBe(id));
  it.each([
    ['too long', 'x'.repeat(65)],
    ['6,052 characters', 'r'.repeat(6052)],
    ['a space', 'a b'],
    ['markup', '<script>'],
    ['non-ASCII', '请求-1'],
    ['a leading dash', '-x'],
    ['empty', ''],
  ])('replaces one that is %s with a UUID of ours', (_why, id) => expect(requestIdFrom({ 'x-request-id': id })).toMatch(UUID));
  it('replaces a header sent twice, and makes one when none is sent', () => {
    expect(requestIdFrom({ 'x-request-id': ['a', 'b'] })).toMatch(UUID);
    expect(requestIdFrom({})).toMatch(UUID);
  });
});
