import { z } from 'zod';

/** Every change to an existing record carries the version the client read (optimistic concurrency). */
export const Version = z.number().int().min(1).meta({ description: '客户端读取时的版本号（乐观并发） / The version the client read (optimistic concurrency)' });
