import { randomUUID } from 'node:crypto';

/** Ids are opaque strings (the contracts' Id); a prefix tells a reader the record kind. */
export const newId = (prefix: 'dm' | 'ch' | 'app' | 'cs' | 'ms' | 'sg' | 'corr'): string => `${prefix}-${randomUUID()}`;
