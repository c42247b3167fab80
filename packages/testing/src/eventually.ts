/**
 * Polls an assertion until it passes or the time runs out, then rethrows its
 * last failure. Use instead of sleeps: fast when the system is fast, patient
 * when the shared machine is slow.
 */
export async function expectEventually<T>(assertion: () => Promise<T> | T, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
