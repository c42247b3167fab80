import { z } from 'zod';
import { Network } from '@tjc/contracts';

/**
 * Roles of people using the platform:
 *  - coordinator: manages the records of ONE network (the `network` claim);
 *  - reader: reads everything, changes nothing;
 *  - center-admin: the center's staff: KPI targets, corrections, any network;
 *  - ops: dead letters, rebuilds, quarantine; no business records.
 */
export const Role = z.enum(['coordinator', 'reader', 'center-admin', 'ops']);
export type Role = z.infer<typeof Role>;

export const PrincipalSchema = z
  .object({
    sub: z.string().min(1),
    name: z.string().min(1).default('unknown'),
    roles: z.array(Role).min(1),
    network: Network.schema.optional(),
  })
  .refine((p) => !p.roles.includes('coordinator') || p.network !== undefined, { message: 'a coordinator token must carry a network claim', path: ['network'] });

export type Principal = z.infer<typeof PrincipalSchema>;

export function canWriteNetwork(principal: Principal, network: Network): boolean {
  return principal.roles.includes('center-admin') || (principal.roles.includes('coordinator') && principal.network === network);
}

/** How a principal is named in audit records. */
export function actorOf(principal: Principal): string {
  return `${principal.sub}${principal.network ? `@${principal.network}` : ''}`;
}
