/**
 * Keeps the KPI service's jobs alive across a Redis that lost its data.
 *
 * BullMQ keeps job schedules and queued jobs only in Redis. After a FLUSHALL,
 * or a restart of a Redis without persistence, the repeatable `rollup-all`
 * is gone (it was only created at boot) and so are rollup jobs that were
 * waiting; rollup jobs that could not even be enqueued while Redis was down
 * are gone too. Until the next event of the same year arrives, the figures
 * the API serves stay behind the lineage in PostgreSQL — for ever, if no
 * event comes. (Found by the fault suite, e2e/faults: `redis-restart`.)
 *
 * The watchdog, ticked every few seconds:
 *  - re-creates the schedules when Redis no longer has them, and then asks
 *    for one catch-up `rollup-all` (queued jobs vanished with them);
 *  - asks for a catch-up `rollup-all` when an on-demand rollup could not be
 *    enqueued (`owe()`), until Redis takes it.
 * The rollups are recomputed from PostgreSQL, so a catch-up is always safe.
 */
export interface WatchdogPort {
  /** Whether the schedules should exist at all (KPI_SCHEDULES=on). */
  readonly schedules: boolean;
  schedulesPresent(): Promise<boolean>;
  createSchedules(): Promise<void>;
  enqueueRollupAll(): Promise<void>;
}

export type WatchdogOutcome = 'ok' | 'schedules-recreated' | 'caught-up' | 'redis-unavailable';

export class ScheduleWatchdog {
  private owed = false;

  constructor(private readonly port: WatchdogPort) {}

  /** An on-demand rollup could not be enqueued: a catch-up is owed. */
  owe(): void {
    this.owed = true;
  }

  get owes(): boolean {
    return this.owed;
  }

  async tick(): Promise<WatchdogOutcome> {
    try {
      let outcome: WatchdogOutcome = 'ok';
      if (this.port.schedules && !(await this.port.schedulesPresent())) {
        await this.port.createSchedules();
        this.owed = true;
        outcome = 'schedules-recreated';
      }
      if (this.owed) {
        await this.port.enqueueRollupAll();
        this.owed = false;
        if (outcome === 'ok') outcome = 'caught-up';
      }
      return outcome;
    } catch {
      // Redis still down: the debt stays, the next tick tries again.
      return 'redis-unavailable';
    }
  }
}
