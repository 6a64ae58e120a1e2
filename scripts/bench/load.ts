/**
 * One load run: autocannon with N connections for a duration, every response timed, so the
 * figures are req/s and p50/p95/p99 (autocannon's own histogram has no p95). A run can vary each
 * request (`next`), e.g. a new Idempotency-Key or a query never sent before.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  base: string;
  connections: number;
  seconds: number;
  /** The request to send next; called once per request. */
  next: () => LoadRequest;
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Responses outside 2xx and errors (timeouts, resets). */
  failed: number;
  /** The first failed answer's status, to say why. */
  firstFailure?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const times: number[] = [];
  let firstFailure: string | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.base,
        connections: spec.connections,
        duration: spec.seconds,
        // One request definition whose content is set just before each request is sent.
        requests: [
          {
            setupRequest: (req) => {
              const r = spec.next();
              return {
                ...req,
                method: r.method ?? 'GET',
                path: r.path,
                headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
                ...(r.body !== undefined ? { body: r.body } : {}),
              };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status >= 300) && !firstFailure)
                firstFailure = `${status} ${body.slice(0, 200)}`;
            },
          },
        ],
      },
      (err, r) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return {
    rps: times.length / spec.seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    failed: result.non2xx + result.errors + result.timeouts,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
