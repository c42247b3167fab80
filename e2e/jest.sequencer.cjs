// The cross-service scenario runs first. Its trace assertions need the spans
// of its own requests; the services export them to the scenario's OTLP
// receiver, and while no receiver listens (earlier suites) their export
// queues back up with failed batches and drop new spans for a while. Run
// first, the scenario meets empty queues. The rest keep a stable order.
class E2eSequencer {
  sort(tests) {
    const rank = (t) => (t.path.includes('/scenarios/') ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
  cacheResults() {}
  allFailedTests(tests) {
    return tests;
  }
  shard(tests) {
    return tests;
  }
}
module.exports = E2eSequencer;
