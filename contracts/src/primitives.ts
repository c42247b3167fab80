import { z } from 'zod';
import { IndustryField, InstitutionType, Region } from './vocabulary';

/**
 * Money is a decimal string with at most two fraction digits plus an explicit
 * currency, never a float: 0.1 + 0.2 must not leak into a contract amount.
 * Up to 10^15 yuan, which leaves headroom over any fund in the plan.
 */
export const Money = z
  .object({
    amount: z
      .string()
      .regex(/^(0|[1-9]\d{0,14})(\.\d{1,2})?$/, 'must be a non-negative decimal string with at most 2 fraction digits, e.g. "1250000.00"'),
    currency: z.literal('CNY'),
  })
  .meta({ title: 'Money', description: '金额（人民币，十进制字符串） / Amount in CNY as a decimal string' });
export type Money = z.infer<typeof Money>;

/** Identifiers: opaque strings so partners may keep their own id schemes. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  // The escaped "\-" is redundant but frozen: it is part of the published JSON Schema pattern.
  // eslint-disable-next-line no-useless-escape
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\-]*$/, 'must be letters, digits, ".", "_", ":" or "-", starting with a letter or digit');

/** Human text: Chinese first. Trimmed-empty text is refused, not stored. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'must not be empty or only white space');

export const Name = Text(200);

/** A business instant with an explicit UTC offset, e.g. 2024-05-01T09:30:00+08:00. */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar date (no time), e.g. 2024-05-01, read in Asia/Shanghai. */
export const LocalDate = z.iso.date();

export const Institution = z
  .object({
    id: Id.optional(),
    name: Name,
    region: Region.schema,
    type: InstitutionType.schema.optional(),
  })
  .meta({ title: 'Institution', description: '机构 / Institution' });
export type Institution = z.infer<typeof Institution>;

export const Enterprise = z
  .object({
    id: Id,
    name: Name,
    region: Region.schema,
    /** On the center's key-enterprise list (重点企业). */
    isKeyEnterprise: z.boolean(),
    isChainLeader: z.boolean().optional(),
    field: IndustryField.schema.optional(),
  })
  .meta({ title: 'Enterprise', description: '企业 / Enterprise' });
export type Enterprise = z.infer<typeof Enterprise>;

export const Year = z.number().int().min(2020).max(2100);

/**
 * Compares two non-negative decimal strings exactly (no float rounding):
 * negative when a < b, 0 when equal, positive when a > b.
 */
export function compareDecimal(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, '0');
  const fb = bf.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * An amount that must be strictly positive (an investment, a grant, a funding
 * request): 0 yuan is a typo, not a fact. For request bodies; event schemas
 * keep `Money`, whose published pattern allows "0".
 */
export const PositiveMoney = Money.refine((m) => compareDecimal(m.amount, '0') > 0, {
  message: 'must be greater than 0',
  path: ['amount'],
});
