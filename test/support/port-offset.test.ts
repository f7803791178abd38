import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadNetworkDescription } from '@crossborder-trace/network';
import { allocatePortOffset, FIRST_OFFSET, LAST_OFFSET, OFFSET_STEP } from './port-offset';
import { TEST_DESCRIPTION } from './test-description';

let lockDir: string;

beforeEach(() => {
  lockDir = mkdtempSync(path.join(tmpdir(), 'port-offset-test-'));
});

afterEach(() => rmSync(lockDir, { recursive: true, force: true }));

const slots = (LAST_OFFSET - FIRST_OFFSET) / OFFSET_STEP + 1;

test('an offset is a multiple of 1000 between 3000 and 24000 (every port below the ephemeral range), the same for the same file name', () => {
  const first = allocatePortOffset('/a/b/state.test.ts', lockDir);
  expect(first.offset % 1000).toBe(0);
  expect(first.offset).toBeGreaterThanOrEqual(3_000);
  expect(first.offset).toBeLessThanOrEqual(24_000);
  first.release();
  // Only the base name counts, so a checkout in another folder uses the same ports for the same file.
  const again = allocatePortOffset('/elsewhere/state.test.ts', lockDir);
  expect(again.offset).toBe(first.offset);
  again.release();
});

test('a held slot is skipped and becomes available again on release', () => {
  const first = allocatePortOffset('state.test.ts', lockDir);
  const second = allocatePortOffset('state.test.ts', lockDir);
  expect(second.offset).not.toBe(first.offset);
  expect(readFileSync(path.join(lockDir, `${first.offset}.lock`), 'utf8')).toBe(String(process.pid));
  first.release();
  expect(existsSync(path.join(lockDir, `${first.offset}.lock`))).toBe(false);
  const third = allocatePortOffset('state.test.ts', lockDir);
  expect(third.offset).toBe(first.offset);
  second.release();
  third.release();
});

test('a lock left by a process that is gone is reclaimed', () => {
  const probe = allocatePortOffset('events.test.ts', lockDir);
  probe.release();
  const exited = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(path.join(lockDir, `${probe.offset}.lock`), String(exited));
  const reclaimed = allocatePortOffset('events.test.ts', lockDir);
  expect(reclaimed.offset).toBe(probe.offset);
  expect(readFileSync(path.join(lockDir, `${probe.offset}.lock`), 'utf8')).toBe(String(process.pid));
  reclaimed.release();
});

test('release leaves a lock alone once another process owns the slot', () => {
  const held = allocatePortOffset('x.test.ts', lockDir);
  const lock = path.join(lockDir, `${held.offset}.lock`);
  writeFileSync(lock, String(process.ppid));
  held.release();
  expect(readFileSync(lock, 'utf8')).toBe(String(process.ppid));
});

test('when every slot is held the allocation fails and says where the locks are', () => {
  const held = Array.from({ length: slots }, () => allocatePortOffset('y.test.ts', lockDir));
  expect(new Set(held.map((h) => h.offset)).size).toBe(slots);
  expect(() => allocatePortOffset('y.test.ts', lockDir)).toThrow(lockDir);
  held.forEach((h) => h.release());
});

/** Every listen port the test network's description gives at an offset. */
function portsAt(portOffset: number): number[] {
  const ports: number[] = [];
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'number' && key !== undefined && /port$/i.test(key)) ports.push(value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, Array.isArray(value) ? key : k);
  };
  visit(loadNetworkDescription(TEST_DESCRIPTION, { portOffset }));
  return ports;
}

test("every slot's ports stay apart from the next slot's and below 32768, where Linux takes outgoing connections' local ports", () => {
  const first = portsAt(FIRST_OFFSET);
  expect(first.length).toBeGreaterThan(10);
  expect(Math.max(...first) - Math.min(...first)).toBeLessThan(OFFSET_STEP);
  expect(Math.max(...portsAt(LAST_OFFSET))).toBeLessThan(32_768);
  // The benchmark's networks sit below the first slot and above npm start's (offset 0).
  expect(Math.min(...first)).toBeGreaterThan(Math.max(...portsAt(2_000)));
  expect(Math.min(...portsAt(1_000))).toBeGreaterThan(Math.max(...portsAt(0)));
});
