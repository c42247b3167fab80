/**
 * Kafka topics of the platform.
 *
 * WARNING: topic names are wired into running consumers, partner ACLs and the
 * retained event history the KPI service rebuilds from. Renaming a topic
 * breaks running systems and orphans its history. Add topics; never rename.
 *
 * Every event is keyed by its `subject` (the aggregate id), so all events of
 * one aggregate land in one partition and stay in order.
 */
export interface TopicSpec {
  readonly name: string;
  readonly description: string;
  readonly partitions: number;
  /** -1 keeps events forever: the domain topics are the event history. */
  readonly retentionMs: number;
  readonly partitionKey: 'subject';
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const TOPICS = {
  research: {
    name: 'tjc.research.events.v1',
    description: 'Research network (科研网络): project pipeline and the supply list',
    partitions: 3,
    retentionMs: -1,
    partitionKey: 'subject',
  },
  industry: {
    name: 'tjc.industry.events.v1',
    description: 'Industry network (产业网络): demand list, open challenges, consortia',
    partitions: 3,
    retentionMs: -1,
    partitionKey: 'subject',
  },
  service: {
    name: 'tjc.service.events.v1',
    description: 'Service network (服务网络): achievement transfer, training, activities',
    partitions: 3,
    retentionMs: -1,
    partitionKey: 'subject',
  },
  fund: {
    name: 'tjc.fund.events.v1',
    description: 'Fund network (基金网络): investments and grant–investment linkage',
    partitions: 3,
    retentionMs: -1,
    partitionKey: 'subject',
  },
  center: {
    name: 'tjc.center.events.v1',
    description: 'Center (天津中心): KPI targets and corrections of earlier events',
    partitions: 1,
    retentionMs: -1,
    partitionKey: 'subject',
  },
  partnerInbound: {
    name: 'tjc.partner.inbound.v1',
    description:
      'Raw events produced directly to Kafka by partner systems (Beijing HQ, Hebei, Xiong\'an). Untrusted: the partner gateway validates each one and republishes it to its domain topic, or dead-letters it.',
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    partitionKey: 'subject',
  },
  kpiNotifications: {
    name: 'tjc.kpi.notifications.v1',
    description: 'KPI service notifications, e.g. a KPI falling behind pace',
    partitions: 1,
    retentionMs: 90 * DAY_MS,
    partitionKey: 'subject',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicKey]['name'];

/** Dead letters of one consumer group; kept 30 days for inspection and replay. */
export function deadLetterTopic(consumerGroup: string): TopicSpec {
  return {
    name: `tjc.dlq.${consumerGroup}`,
    description: `Dead letters of consumer group ${consumerGroup}`,
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    partitionKey: 'subject',
  };
}

/** Headers a dead letter carries, so it can be traced back and replayed. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  originalKey: 'x-dlq-original-key',
  consumerGroup: 'x-dlq-consumer-group',
  error: 'x-dlq-error',
  errorKind: 'x-dlq-error-kind',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;
