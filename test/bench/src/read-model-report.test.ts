import type { ReadModelFigures } from './read-model-phases';
import { readModelReportLines } from './read-model-report';

function figures(rebuildRangeSeconds: number): ReadModelFigures {
  return {
    alerts: { committed: 4, delivered: 4, fromCommitMs: [30, 10, 20, 400], fromBlockMs: [5, 1, 2, 300], blocks: 2 },
    catchUp: {
      capture: { count: 100, steadyCount: 100, steadySeconds: 50, latenciesMs: [1_000, 2_000], failures: 0 },
      height: 200,
      events: 20_000,
      range: { first: 101, last: 150, events: 10_000 },
      rebuild: { blocks: 200, seconds: 10, rangeSeconds: rebuildRangeSeconds },
      rawPrivate: { blocks: 200, seconds: 2, rangeSeconds: 0.5 },
      rawBlocks: { blocks: 200, seconds: 1, rangeSeconds: 0.25 },
    },
  };
}

const rowOf = (lines: string[], label: string) => lines.find((line) => line.trimStart().startsWith(label)) ?? '';

test("alert latencies as p50 and p99 from each origin, and the catch-up over the capture's blocks against raw delivery", () => {
  const lines = readModelReportLines([{ label: 'devnet', readModel: figures(2) }]);
  expect(rowOf(lines, 'alerts:')).toContain('4 failed inspections committed by 10 customs clients, one a transaction, in 2 blocks; 4 streamed');
  expect(rowOf(lines, 'commit status at the client -> SSE')).toMatch(/p50 20 ms, p99 400 ms, max 400 ms \(4 alerts\)$/);
  expect(rowOf(lines, 'block at a listener on its peer -> SSE')).toMatch(/p50 2 ms, p99 300 ms/);
  expect(rowOf(lines, 'catch-up:')).toContain('blocks 101..150 (50 blocks, 10000 events); the chain: 200 blocks, 20000 events');
  expect(rowOf(lines, 'raw delivery, getBlockAndPrivateDataEvents')).toMatch(/100 blocks\/s \(20000 events\/s\), 0\.50 s\s+whole chain 100 blocks\/s\s+baseline$/);
  expect(rowOf(lines, 'read model rebuild')).toMatch(/25\.0 blocks\/s \(5000 events\/s\), 2\.00 s\s+whole chain 20\.0 blocks\/s\s+0\.25x the baseline's speed$/);
});

test('a pass cut by its time budget says where it stopped', () => {
  const cut = figures(2);
  const lines = readModelReportLines([{ label: 'devnet', readModel: { ...cut, catchUp: { ...cut.catchUp, rebuild: { blocks: 120, seconds: 240, rangeSeconds: 200 } } } }]);
  expect(rowOf(lines, 'read model rebuild')).toContain('(stopped at 120 blocks)');
});
