import { ScheduleWatchdog, type WatchdogPort } from './schedule-watchdog';

/** A Redis-backed queue stand-in: schedules present or not, Redis up or down, catch-ups counted. */
function setup(options: { schedules?: boolean; present?: boolean; redisUp?: boolean; enqueueFailures?: number } = {}) {
  const state = { present: options.present ?? true, redisUp: options.redisUp ?? true, created: 0, rollupAll: 0, enqueueFailures: options.enqueueFailures ?? 0 };
  const guard = () => {
    if (!state.redisUp) throw new Error('Connection is closed.');
  };
  const port: WatchdogPort = {
    schedules: options.schedules ?? true,
    schedulesPresent: async () => (guard(), state.present),
    createSchedules: async () => {
      guard();
      state.created++;
      state.present = true;
    },
    enqueueRollupAll: async () => {
      guard();
      if (state.enqueueFailures > 0) {
        state.enqueueFailures--;
        throw new Error('Connection is closed.');
      }
      state.rollupAll++;
    },
  };
  return { sut: new ScheduleWatchdog(port), state };
}

describe('ScheduleWatchdog', () => {
  it('does nothing while the schedules exist and nothing is owed', async () => {
    const { sut, state } = setup();
    await expect(sut.tick()).resolves.toBe('ok');
    expect(state).toMatchObject({ created: 0, rollupAll: 0 });
  });

  it('re-creates schedules Redis lost (FLUSHALL, restart without persistence) and asks for one catch-up rollup', async () => {
    const { sut, state } = setup({ present: false });
    await expect(sut.tick()).resolves.toBe('schedules-recreated');
    expect(state).toMatchObject({ created: 1, rollupAll: 1, present: true });
    await expect(sut.tick()).resolves.toBe('ok');
    expect(state).toMatchObject({ created: 1, rollupAll: 1 });
  });

  it('keeps an owed catch-up while Redis is down and pays it once Redis is back', async () => {
    const { sut, state } = setup({ redisUp: false });
    sut.owe();
    await expect(sut.tick()).resolves.toBe('redis-unavailable');
    expect(sut.owes).toBe(true);
    state.redisUp = true;
    await expect(sut.tick()).resolves.toBe('caught-up');
    expect(state.rollupAll).toBe(1);
    expect(sut.owes).toBe(false);
  });

  it('with schedules off (KPI_SCHEDULES=off) never creates them, but still pays an owed catch-up', async () => {
    const { sut, state } = setup({ schedules: false, present: false });
    await expect(sut.tick()).resolves.toBe('ok');
    sut.owe();
    await expect(sut.tick()).resolves.toBe('caught-up');
    expect(state).toMatchObject({ created: 0, rollupAll: 1 });
  });

  it('asks for the catch-up again when enqueueing it failed right after the schedules were re-created', async () => {
    const { sut, state } = setup({ present: false, enqueueFailures: 1 });
    await expect(sut.tick()).resolves.toBe('redis-unavailable');
    expect(sut.owes).toBe(true);
    await expect(sut.tick()).resolves.toBe('caught-up');
    expect(state).toMatchObject({ created: 1, rollupAll: 1 });
  });
});
