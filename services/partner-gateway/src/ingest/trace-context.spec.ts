import { buildEvent, CATALOGUE, toWireMessage, WIRE_HEADERS } from '@tjc/contracts';
import { withTraceContext } from './trace-context';

const GATEWAY = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'tjc=gateway' };
const PARTNERS = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A partner's event as it arrives: its own id, source and business time, no trace context. */
const partnerEvent = (traceparent?: string) =>
  buildEvent('research.achievement.listed.v1', CATALOGUE['research.achievement.listed.v1'].examples[0], {
    source: 'partner/hebei-center',
    id: 'ach-hb-2024-trace',
    time: '2024-06-01T10:00:00+08:00',
    ...(traceparent !== undefined && { traceparent, tracestate: 'partner=hebei' }),
  });

describe('withTraceContext', () => {
  // The bug: the gateway staged the partner's envelope unchanged, so its Kafka
  // message had no traceparent header and every consumer started a new trace.
  it('gives an accepted partner event the Kafka traceparent header of the gateway’s span', () => {
    const sut = withTraceContext(partnerEvent(), GATEWAY);
    const headers = toWireMessage(sut).headers;
    expect(headers[WIRE_HEADERS.traceparent]).toBe(GATEWAY.traceparent);
    expect(headers[WIRE_HEADERS.tracestate]).toBe(GATEWAY.tracestate);
  });

  it('keeps the partner’s id, source, time, subject and data', () => {
    const event = partnerEvent();
    const { traceparent, tracestate, ...rest } = withTraceContext(event, GATEWAY);
    expect({ traceparent, tracestate }).toEqual(GATEWAY);
    expect(rest).toEqual(event);
  });

  it('replaces a partner’s own trace context as a pair (its tracestate does not outlive its traceparent)', () => {
    const sut = withTraceContext(partnerEvent(PARTNERS), { traceparent: GATEWAY.traceparent });
    expect(sut.traceparent).toBe(GATEWAY.traceparent);
    expect(sut).not.toHaveProperty('tracestate');
  });

  it('leaves the envelope as sent when no span is active (tracing off)', () => {
    const event = partnerEvent(PARTNERS);
    expect(withTraceContext(event, {})).toBe(event);
  });
});
