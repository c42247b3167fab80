import { compareDecimal } from './primitives';
import { toShanghaiIso } from './build-event';

describe('compareDecimal', () => {
  it.each([
    ['1', '2', -1],
    ['10', '9', 1],
    ['5000000.00', '5000000', 0],
    ['0.1', '0.10', 0],
    ['123456789012345.99', '123456789012345.98', 1],
    ['0.05', '0.5', -1],
  ])('%s vs %s', (a, b, sign) => expect(Math.sign(compareDecimal(a, b))).toBe(sign));
});

describe('toShanghaiIso', () => {
  it('renders the instant at +08:00, crossing the date line of the calendar year', () => {
    expect(toShanghaiIso(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01T00:30:00.000+08:00');
  });
});
