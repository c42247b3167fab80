import type { TopicKey } from '@tjc/contracts';

/**
 * What this service consumes: research (found projects and listed
 * achievements become transfer candidates) and fund (investments mark landed
 * transfers as funded). Shared by main.ts and the integration tests so they
 * cannot drift apart.
 */
export const CONSUMER = { groupId: 'service-network', topics: ['research', 'fund'] as TopicKey[] } as const;
