/**
 * The event stream a fault is injected into, and the ledger of what the
 * platform ACCEPTED (the only events the reference may count):
 *
 *   partner producers (signed batches to the gateway, docs/partners.md):
 *     research.project.found.v1 (with a landing plan, so every network reacts)
 *     + service.activity.held.v1, a batch every `periodMs`
 *   a network producer: the service network's coordinator plans and holds an
 *     activity (POST /activities, POST /activities/:id/hold)
 *
 * A producer behaves as the partner guide and a careful client demand: a
 * request without an answer (connection refused or reset, 5xx, 429/503) is
 * retried until answered — partner batches resent in a NEW request, so what
 * was stored already comes back "duplicate"; a hold whose answer was lost is
 * settled by reading the activity back. So the ledger is exact: an event is
 * in it if and only if the platform acknowledged it.
 */
import { randomBytes } from 'node:crypto';
import { buildEvent, centerAttribution, isPartnerSource, SOURCES, type Attribution, type PlatformEvent, type Source } from '@tjc/contracts';
import { HttpError, type ApiClient, type BatchResult, type PartnerClient } from '../src/scenario/clients';
import { sleep } from '../src/stack';

/** The field every streamed project is in: the industry network has an open demand of it. */
export const STREAM_FIELD = 'low-carbon-and-environment';

export type StreamKind = 'project' | 'activity';

/** One event the platform acknowledged. `eventId` is known for partner events (the partner names them). */
export interface AcceptedEvent {
  readonly kind: StreamKind;
  readonly source: string;
  readonly eventId: string | undefined;
  readonly subject: string;
  readonly year: number;
}

export class Ledger {
  readonly accepted: AcceptedEvent[] = [];
  /** Requests that got no usable answer and were retried (connection errors, 5xx, 429, 503). */
  retries = 0;
  /** Partner events answered "duplicate" on a resend of a batch whose first answer was lost. */
  resentDuplicates = 0;

  add(e: AcceptedEvent): void {
    this.accepted.push(e);
  }
}

let counter = 0;
export const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** A business instant in `year` (Asia/Shanghai), spread over the year so months differ. */
export function businessTime(year: number, n: number): string {
  const month = (n % 12) + 1;
  const day = (Math.floor(n / 12) % 28) + 1;
  const minute = n % 60;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:${String(minute).padStart(2, '0')}:00+08:00`;
}

/**
 * The stream's facts were organised with the center (#18.17): a partner states
 * `joint`, a center service stamps `own`, so every accepted event counts under
 * SCENARIO_KPIS (own and joint) as the reference assumes.
 */
export function streamAttribution(source: Source): Attribution {
  return isPartnerSource(source) ? { centerRole: 'joint', organiser: { name: SOURCES[source].zh, source } } : centerAttribution(source, 'own');
}

export function projectFound(source: Source, year: number, n: number, ids: { eventId?: string; projectId?: string } = {}): PlatformEvent<'research.project.found.v1'> {
  const projectId = ids.projectId ?? uniqueId('fp');
  return buildEvent(
    'research.project.found.v1',
    {
      projectId,
      title: `故障注入流项目 ${projectId}`,
      institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
      field: STREAM_FIELD,
      trl: 5,
      demonstration: { withHq: true, conclusion: '故障注入测试：遴选通过。' },
      landingPlan: { summary: '在天开高教科创园建设中试线。', targetPark: '天开高教科创园' },
      attribution: streamAttribution(source),
    },
    { source, id: ids.eventId ?? uniqueId('fe'), time: businessTime(year, n) },
  );
}

export function activityHeld(source: Source, year: number, n: number, ids: { eventId?: string; activityId?: string } = {}): PlatformEvent<'service.activity.held.v1'> {
  const activityId = ids.activityId ?? uniqueId('fa');
  const time = businessTime(year, n);
  return buildEvent(
    'service.activity.held.v1',
    {
      activityId,
      type: 'supply-demand-matching',
      title: `故障注入流活动 ${activityId}`,
      heldOn: time.slice(0, 10),
      place: '天开高教科创园',
      organisers: ['天津中心'],
      participants: 30,
      pairsMatched: 2,
      attribution: streamAttribution(source),
    },
    { source, id: ids.eventId ?? uniqueId('fe'), time },
  );
}

/** Whether an error means "no usable answer": try again later. */
function retryable(error: unknown): boolean {
  if (error instanceof HttpError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return true; // fetch failed: refused, reset, timeout
}

/** The gateway's Retry-After is a header the shared client does not surface; a second is its usual value. */
function retryAfterMs(error: unknown): number {
  return error instanceof HttpError && (error.status === 429 || error.status === 503) ? 1_000 : 300;
}

/**
 * Sends a partner batch until it is answered (new request each time), and
 * records every accepted-or-duplicate event. Rejected events are returned to
 * the caller (a stream of valid events must have none).
 */
export async function sendUntilAnswered(partner: PartnerClient, events: readonly unknown[], ledger: Ledger | undefined, deadline: () => number): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await partner.send(events);
      if (ledger && attempt > 1) ledger.resentDuplicates += answer.duplicates;
      return answer;
    } catch (error) {
      if (!retryable(error) || Date.now() > deadline()) throw error;
      if (ledger) ledger.retries++;
      await sleep(retryAfterMs(error));
    }
  }
}

interface ActivityView {
  readonly id: string;
  readonly version: number;
  readonly status: string;
}

async function untilAnswered<T>(call: () => Promise<T>, ledger: Ledger, deadline: () => number): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!retryable(error) || Date.now() > deadline()) throw error;
      ledger.retries++;
      await sleep(retryAfterMs(error));
    }
  }
}

/** Plans and holds one activity; settles a lost answer by reading the activity back. */
export async function holdActivity(service: ApiClient, year: number, n: number, ledger: Ledger, deadline: () => number): Promise<void> {
  const time = businessTime(year, n);
  // A plan whose answer was lost leaves a planned activity nobody holds: no event, nothing to count.
  const planned = await untilAnswered(
    () => service.post<ActivityView>('/activities', { type: 'financing-roadshow', title: `故障注入流路演 ${uniqueId('na')}`, plannedOn: time.slice(0, 10), place: '天津滨海—中关村科技园', organisers: ['天津中心'] }),
    ledger,
    deadline,
  );
  for (;;) {
    try {
      await service.post(`/activities/${planned.id}/hold`, { version: planned.version, heldOn: time.slice(0, 10), participants: 40, pairsMatched: 3 });
      break;
    } catch (error) {
      // 409: an earlier attempt whose answer was lost did hold it (the version moved on).
      if (!(error instanceof HttpError && error.status === 409) && (!retryable(error) || Date.now() > deadline())) throw error;
      ledger.retries++;
      await sleep(retryAfterMs(error));
      const now = await untilAnswered(() => service.get<ActivityView>(`/activities/${planned.id}`), ledger, deadline);
      if (now.status === 'held') break;
      if (now.status !== 'planned') throw new Error(`activity ${planned.id} is ${now.status}, neither planned nor held`, { cause: error });
    }
  }
  ledger.add({ kind: 'activity', source: 'tjc/service-network', eventId: undefined, subject: planned.id, year });
}

export interface StreamOptions {
  readonly year: number;
  readonly partners: readonly PartnerClient[];
  readonly service: ApiClient;
  /** Pause between a producer's requests. */
  readonly periodMs: number;
  /** Give up on an unanswered request after this long past the stream's stop (the run fails then). */
  readonly settleTimeoutMs: number;
}

/**
 * A running stream: every producer loops until stop(), which waits for each
 * one's request in flight to be answered, so the ledger is final afterwards.
 */
export class EventStream {
  readonly ledger = new Ledger();
  private running = true;
  private readonly loops: Promise<void>[];
  private n = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private stopping: Promise<Ledger> | undefined;
  readonly errors: unknown[] = [];

  constructor(private readonly options: StreamOptions) {
    this.loops = [...options.partners.map((p) => this.partnerLoop(p)), this.networkLoop()];
  }

  private async partnerLoop(partner: PartnerClient): Promise<void> {
    const source = partner.source as Source;
    while (this.running) {
      const { year } = this.options;
      const batch = [projectFound(source, year, this.n++), activityHeld(source, year, this.n++)];
      try {
        const answer = await sendUntilAnswered(partner, batch, this.ledger, () => this.deadline);
        answer.results.forEach((r, i) => {
          const e = batch[i]!;
          if (r.status === 'rejected') throw new Error(`a valid streamed event was rejected: ${JSON.stringify(r)}`);
          this.ledger.add({ kind: e.type === 'research.project.found.v1' ? 'project' : 'activity', source: e.source, eventId: e.id, subject: e.subject, year });
        });
      } catch (error) {
        this.errors.push(error);
        return;
      }
      await sleep(this.options.periodMs);
    }
  }

  private async networkLoop(): Promise<void> {
    while (this.running) {
      try {
        await holdActivity(this.options.service, this.options.year, this.n++, this.ledger, () => this.deadline);
      } catch (error) {
        this.errors.push(error);
        return;
      }
      await sleep(this.options.periodMs);
    }
  }

  /** Stops producing; resolves once every request in flight is answered (or throws past the settle timeout). */
  stop(): Promise<Ledger> {
    this.stopping ??= (async () => {
      this.running = false;
      this.deadline = Date.now() + this.options.settleTimeoutMs;
      await Promise.all(this.loops);
      if (this.errors.length > 0) throw new AggregateError(this.errors, `the stream failed: ${this.errors.map(String).join('; ')}`);
      return this.ledger;
    })();
    return this.stopping;
  }
}
