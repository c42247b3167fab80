/**
 * Reading event ids out of the services' audit trails (GET /<records>/:id/audit).
 *
 * The network APIs do not return the id of every event a write published, but
 * the service that CONSUMES an event audits its effect with the event's id
 * (actor `event:<source>`). Reading the id there, in another service than
 * the producer, gives the scenario its reference ids independently of the
 * KPI service it then checks.
 */
import { expectEventually } from '@tjc/testing';
import type { ApiClient } from './clients';

export interface AuditEntry {
  readonly action: string;
  readonly actor: string;
  readonly eventId?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

type AuditAnswer = readonly AuditEntry[] | { readonly items: readonly AuditEntry[] };

export async function auditOf(client: ApiClient, path: string): Promise<readonly AuditEntry[]> {
  const answer = await client.get<AuditAnswer>(path);
  return 'items' in answer ? answer.items : answer;
}

/**
 * Waits for the audit entry `action` of `path` that `matches`, and returns the
 * id of the event behind it (failing when the entry carries none).
 */
export async function auditedEventId(client: ApiClient, path: string, action: string, matches: (entry: AuditEntry) => boolean = () => true): Promise<{ eventId: string; actor: string }> {
  return expectEventually(
    async () => {
      const entry = (await auditOf(client, path)).find((e) => e.action === action && matches(e));
      expect(entry).toBeDefined();
      expect(typeof entry!.eventId).toBe('string');
      return { eventId: entry!.eventId!, actor: entry!.actor };
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}
