import { RestartBackoff } from './restart-backoff';

test('delays double while the process keeps crashing soon after its start, up to 10 s', () => {
  const backoff = new RestartBackoff();
  const delays: number[] = [];
  let now = 1_000_000;
  for (let i = 0; i < 7; i++) {
    backoff.started(now);
    now += 100;
    const delay = backoff.nextDelayMs(now);
    delays.push(delay);
    now += delay;
  }
  expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
});

test('a process that ran 30 s before it ended is restarted after the first delay again', () => {
  const backoff = new RestartBackoff();
  backoff.started(0);
  expect(backoff.nextDelayMs(10)).toBe(500);
  backoff.started(600);
  expect(backoff.nextDelayMs(700)).toBe(1_000);
  backoff.started(2_000);
  expect(backoff.nextDelayMs(32_000)).toBe(500);
});
