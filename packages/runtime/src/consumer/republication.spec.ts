/** When a partner's re-publication replaces the record held (#18.13; the consumers' integration tests show it per service). */
import { staleRepublication } from './republication';

describe('staleRepublication', () => {
  const june = new Date('2024-06-10T02:00:00.000Z');

  it('skips a version older than the one held, saying both times', () => {
    expect(staleRepublication(june, '2024-05-10T10:00:00+08:00')).toEqual({ reason: 'older-than-held', held: '2024-06-10T02:00:00.000Z', sent: '2024-05-10T02:00:00.000Z' });
  });

  it('applies a version at least as new, and any version when nothing is held yet', () => {
    expect(staleRepublication(june, '2024-06-10T10:00:00+08:00')).toBeUndefined();
    expect(staleRepublication(june, '2024-07-01T00:00:00+08:00')).toBeUndefined();
    expect(staleRepublication(null, '2020-01-01T00:00:00Z')).toBeUndefined();
  });
});
