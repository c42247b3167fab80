/**
 * Optional topic namespace (KAFKA_TOPIC_NAMESPACE), prefixed to every topic
 * this process produces to or consumes from. Lets several isolated copies of
 * the platform share one broker: test runs, staging beside production.
 * Empty in normal operation, so topic names are exactly the contracts'.
 */
export function topicNamespace(): string {
  return process.env['KAFKA_TOPIC_NAMESPACE'] ?? '';
}

export function namespaced(topic: string): string {
  const ns = topicNamespace();
  return ns ? `${ns}.${topic}` : topic;
}
