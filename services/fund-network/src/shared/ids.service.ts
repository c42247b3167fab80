import { randomUUID } from 'node:crypto';

/** Opaque ids with a readable prefix (fund-, deal-, inv-, gr-); valid contract `Id`s. */
export function newId(prefix: 'fund' | 'subfund' | 'deal' | 'inv' | 'gr' | 'ms'): string {
  return `${prefix}-${randomUUID()}`;
}
