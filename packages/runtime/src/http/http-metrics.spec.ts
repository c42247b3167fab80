import { httpMetricLabels } from './http-metrics';

describe('HTTP server metric labels', () => {
  it('name the route template, the method and the status, as OpenTelemetry does', () => {
    expect(httpMetricLabels('get', '/projects/:id', 200)).toEqual({ http_request_method: 'GET', http_route: '/projects/:id', http_response_status_code: '200' });
  });
  it('keep cardinality bounded: unmatched paths share one route, unknown methods are _OTHER', () => {
    expect(httpMetricLabels('GET', undefined, 404).http_route).toBe('unmatched');
    expect(httpMetricLabels('BREW', '/x', 405).http_request_method).toBe('_OTHER');
  });
});
