import { parseProcessSnapshot, processActivity } from './service-metrics';

const scrape = (cpu: number, minorSum: number, minorCount: number, under10: number, under100: number, lagMax: number) => `
# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total{service="catalogue"} ${cpu}
nodejs_eventloop_lag_p99_seconds{service="catalogue"} 0.0254
nodejs_eventloop_lag_max_seconds{service="catalogue"} ${lagMax}
nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor",service="catalogue"} 1
nodejs_gc_duration_seconds_bucket{le="0.01",kind="minor",service="catalogue"} ${under10}
nodejs_gc_duration_seconds_bucket{le="0.1",kind="minor",service="catalogue"} ${under100}
nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor",service="catalogue"} ${minorCount}
nodejs_gc_duration_seconds_sum{kind="minor",service="catalogue"} ${minorSum}
nodejs_gc_duration_seconds_count{kind="minor",service="catalogue"} ${minorCount}
nodejs_gc_duration_seconds_bucket{le="0.01",kind="major",service="catalogue"} 2
nodejs_gc_duration_seconds_bucket{le="0.1",kind="major",service="catalogue"} 3
nodejs_gc_duration_seconds_sum{kind="major",service="catalogue"} 0.25
nodejs_gc_duration_seconds_count{kind="major",service="catalogue"} 3
`;

describe('service metrics', () => {
  it("reads CPU, GC by kind and event-loop delay from prom-client's default metrics", () => {
    expect(parseProcessSnapshot(scrape(12.5, 0.5, 100, 98, 100, 0.146))).toEqual({
      cpuSeconds: 12.5,
      gcSeconds: { minor: 0.5, major: 0.25 },
      gcCount: 103,
      gcOver10ms: 3,
      gcOver100ms: 0,
      eventLoopLagP99Seconds: 0.0254,
      eventLoopLagMaxSeconds: 0.146,
    });
  });

  it('gives what happened between two scrapes, per wall time', () => {
    const before = parseProcessSnapshot(scrape(10, 0.5, 100, 100, 100, 0.02));
    const after = parseProcessSnapshot(scrape(22, 1.1, 400, 395, 399, 0.2675));
    expect(processActivity(before, after, 30_000)).toEqual({
      cpuPercentOfOneCore: 40,
      gcMs: 600,
      gcMajorMs: 0,
      gcCount: 300,
      gcOver10ms: 5,
      gcOver100ms: 1,
      eventLoopLagP99Ms: 25.4,
      eventLoopLagMaxMs: 267.5,
    });
  });

  it('leaves figures a scrape lacks as NaN rather than inventing them', () => {
    expect(parseProcessSnapshot('# nothing here\n')).toMatchObject({ cpuSeconds: Number.NaN, gcCount: 0, gcSeconds: {} });
  });
});
