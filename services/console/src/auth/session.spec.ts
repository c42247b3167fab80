import { describe, expect, it } from 'vitest';
import { canWriteNetwork, isExpired, sessionFromToken } from './session';

const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('session', () => {
  it('reads the claims, including Chinese names', () => {
    const sut = sessionFromToken(token({ sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research', exp: 2_000_000_000 }));
    expect(sut).toMatchObject({ sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research' });
  });
  it('refuses unreadable tokens', () => {
    expect(sessionFromToken('garbage')).toBeUndefined();
    expect(sessionFromToken(token({ roles: ['reader'] }))).toBeUndefined();
  });
  it('applies the platform rule for writes: the network coordinator or a center admin', () => {
    const research = sessionFromToken(token({ sub: 'a', roles: ['coordinator'], network: 'research', exp: 2_000_000_000 }));
    const admin = sessionFromToken(token({ sub: 'b', roles: ['center-admin'], exp: 2_000_000_000 }));
    const reader = sessionFromToken(token({ sub: 'c', roles: ['reader'], exp: 2_000_000_000 }));
    expect([canWriteNetwork(research, 'research'), canWriteNetwork(research, 'fund'), canWriteNetwork(admin, 'fund'), canWriteNetwork(reader, 'research')]).toEqual([true, false, true, false]);
  });
  it('knows when it has expired', () => expect(isExpired({ exp: 100 } as never, 100_001)).toBe(true));
});
