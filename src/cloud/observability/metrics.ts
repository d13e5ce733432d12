/** Upper bounds (seconds) of the request latency histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Request counters and a latency histogram per route, rendered as Prometheus text. */
export function createMetrics() {
  const requests = new Map<string, number>();
  const latency = new Map<string, Histogram>();

  return {
    observe(method: string, route: string, status: number, seconds: number): void {
      const key = `${method}\u0000${route}\u0000${status}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const histogramKey = `${method}\u0000${route}`;
      const histogram = latency.get(histogramKey) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      BUCKETS.forEach((bound, index) => {
        if (seconds <= bound) histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
      });
      histogram.sum += seconds;
      histogram.count += 1;
      latency.set(histogramKey, histogram);
    },
    /** The exposition text; `storedBytes` is read from the metadata store by the caller. */
    render(storedBytes: number): string {
      const lines: string[] = [
        '# HELP nova_cloud_requests_total Requests answered, by route and status.',
        '# TYPE nova_cloud_requests_total counter',
      ];
      for (const [key, count] of requests) {
        const [method = '', route = '', status = ''] = key.split('\u0000');
        lines.push(`nova_cloud_requests_total{method="${label(method)}",route="${label(route)}",status="${status}"} ${count}`);
      }
      lines.push('# HELP nova_cloud_request_duration_seconds Time to answer a request.', '# TYPE nova_cloud_request_duration_seconds histogram');
      for (const [key, histogram] of latency) {
        const [method = '', route = ''] = key.split('\u0000');
        const labels = `method="${label(method)}",route="${label(route)}"`;
        BUCKETS.forEach((bound, index) => lines.push(`nova_cloud_request_duration_seconds_bucket{${labels},le="${bound}"} ${histogram.counts[index] ?? 0}`));
        lines.push(`nova_cloud_request_duration_seconds_bucket{${labels},le="+Inf"} ${histogram.count}`);
        lines.push(`nova_cloud_request_duration_seconds_sum{${labels}} ${histogram.sum}`);
        lines.push(`nova_cloud_request_duration_seconds_count{${labels}} ${histogram.count}`);
      }
      lines.push('# HELP nova_cloud_stored_bytes Bytes stored for all accounts (records, blobs, backup manifests).', '# TYPE nova_cloud_stored_bytes gauge');
      lines.push(`nova_cloud_stored_bytes ${storedBytes}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
