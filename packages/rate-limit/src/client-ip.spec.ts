/** Who a request is counted against. Pure functions; nothing faked. */
import { clientIp, ipKey } from './client-ip';

describe('clientIp', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp('203.0.113.7', '198.51.100.1', [])).toBe('203.0.113.7');
  });
  it('reads X-Forwarded-For from the right behind a trusted proxy, never believing what the client wrote', () => {
    // The client wrote "1.1.1.1"; the console server (trusted, 127.0.0.1) appended the address it saw.
    expect(clientIp('127.0.0.1', '1.1.1.1, 203.0.113.7', ['127.0.0.1'])).toBe('203.0.113.7');
    expect(clientIp('::ffff:127.0.0.1', ['1.1.1.1', '10.0.0.2, 203.0.113.7'], ['127.0.0.1'])).toBe('203.0.113.7');
    // Two trusted hops (ingress, then the console server).
    expect(clientIp('127.0.0.1', '1.1.1.1, 203.0.113.7, 10.0.0.5', ['127.0.0.1', '10.0.0.5'])).toBe('203.0.113.7');
  });
  it('stops at a malformed entry instead of taking it as an address', () => {
    expect(clientIp('127.0.0.1', 'evil, not-an-ip', ['127.0.0.1'])).toBe('127.0.0.1');
  });
  it('names an unknown peer', () => expect(clientIp(undefined, undefined, [])).toBe('unknown'));
});

describe('ipKey', () => {
  it('keeps IPv4 as is and groups IPv6 by its /64', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipKey('::1')).toBe('0:0:0:0::/64');
  });
});
