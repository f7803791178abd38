import type { GatewayFigures, GatewaySample } from './gateway-phases';
import { gatewayReportLines } from './gateway-report';

/** `calls` calls over one steady second, `eventsPerCall` events each, costing `cpuMsPerEvent` ms in all over 2 s. */
function sample(calls: number, eventsPerCall = 1, failures = 0, cpuMsPerEvent = 10): GatewaySample {
  const ms = calls * eventsPerCall * cpuMsPerEvent;
  return {
    sample: { count: calls, steadyCount: calls, steadySeconds: 1, latenciesMs: [100, 200, 300, 400], failures },
    eventsPerCall,
    cpu: { network: ms / 2, gateway: ms / 4, bench: ms / 4, wallMs: 2000 },
  };
}

function figures(raw: number, events: number, documents10: number, documents100: number): GatewayFigures {
  return {
    raw: sample(raw),
    events: sample(events),
    capture10: sample(documents10, 10),
    capture100: sample(documents100, 100),
    peakMiB: { bench: 150, network: 800, networkGateways: 0, gateway: 120 },
    peaksSinceStart: false,
  };
}

const rowOf = (lines: string[], label: string) => lines.find((line) => line.trimStart().startsWith(label)) ?? '';

test('each REST phase is compared with the same network\'s baseline, in events per second, against its target', () => {
  const lines = gatewayReportLines([{ label: 'devnet', gateway: figures(40, 38, 10, 9) }]);
  expect(rowOf(lines, 'raw submit')).toMatch(/40\.0 events\/s, p50 200 p95 400 p99 400 ms \(40 ok\)\s+baseline$/);
  expect(rowOf(lines, 'POST /events')).toMatch(/38\.0 events\/s.*0\.95x the baseline \(target 0\.9x: met\)$/);
  expect(rowOf(lines, 'POST /capture, 10 events')).toMatch(/100\.0 events\/s \(10\.00 documents\/s\).*2\.50x the baseline$/);
  expect(rowOf(lines, 'POST /capture, 100 events')).toMatch(/900\.0 events\/s \(9\.00 documents\/s\).*22\.50x the baseline \(target 20x: met\)$/);
  expect(rowOf(lines, 'peak RSS').trim()).toBe("peak RSS (over these phases): bench 150 MiB, network 800 MiB (its processes' peaks added), gateway 120 MiB");
  const withOrgGateways = gatewayReportLines([{ label: 'devnet', gateway: { ...figures(40, 38, 10, 9), peakMiB: { bench: 150, network: 800, networkGateways: 500, gateway: 120 } } }]);
  expect(rowOf(withOrgGateways, 'peak RSS')).toContain("network 800 MiB (its processes' peaks added; the org gateways it runs: 500 MiB)");
});

test('a missed target says so, and a phase with failures names them and the first one', () => {
  const missed = figures(40, 30, 10, 4);
  const lines = gatewayReportLines([{ label: 'devnet', gateway: { ...missed, events: { ...sample(30, 1, 2), firstFailure: 'POST /events answered 503' } } }]);
  expect(rowOf(lines, 'POST /events')).toMatch(/\(30 ok, 2 failed\).*0\.75x the baseline \(target 0\.9x: MISSED\)$/);
  expect(rowOf(lines, 'POST /capture, 100 events')).toMatch(/10\.00x the baseline \(target 20x: MISSED\)$/);
  expect(lines).toContainEqual('  first failure (events): POST /events answered 503');
});

test('a block per network measured, each against its own baseline', () => {
  const lines = gatewayReportLines([
    { label: 'devnet', gateway: figures(40, 40, 10, 5) },
    { label: 'Fabric 3.1.5', gateway: figures(20, 20, 5, 5) },
  ]);
  expect(lines.filter((line) => line.startsWith('REST gateway on the '))).toEqual([expect.stringContaining('devnet'), expect.stringContaining('Fabric 3.1.5')]);
  expect(lines.filter((line) => line.includes('POST /capture, 100 events')).map((line) => /([\d.]+)x the baseline/.exec(line)?.[1])).toEqual(['12.50', '25.00']);
});

test('the CPU an event costs in the baseline and in 100-event captures, per process, and their ratio: the ceiling when both keep the cores busy', () => {
  const g = figures(40, 38, 10, 9);
  const lines = gatewayReportLines([{ label: 'devnet', gateway: { ...g, capture100: sample(9, 100, 0, 0.8) } }]);
  // raw: 40 events at 10 ms = 400 ms over 2 s; captures: 900 events at 0.8 ms = 720 ms over 2 s.
  expect(rowOf(lines, 'CPU per event')).toMatch(
    /raw submit 10\.00 ms \(network 5\.00, gateway 2\.50, bench 2\.50; 0\.20 of \d+ cores busy\); POST \/capture of 100 0\.80 ms \(network 0\.40, gateway 0\.20, bench 0\.20; 0\.36 of \d+ cores busy\)$/,
  );
  expect(rowOf(lines, 'their ratio')).toMatch(/: 12\.50x$/);
});
