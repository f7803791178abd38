// Each test file runs a network of its own, and jest runs files in parallel workers, so each network needs its own
// ports. A file starts from a slot derived from its name (stable between runs, easy to find in logs) and takes the
// next free slot when that one is held. Slots are claimed with lock files that name the owning process, so a lock
// left by a crashed run is reclaimed once its process is gone.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Slots from 3000 to 24000: a network's ports run from 7050 to 7805 above its offset, so every port of every slot
 * stays below 32768, where Linux starts handing out the local ports of outgoing connections (ip_local_port_range).
 * A port there can be taken at any moment by one of the many client connections the suites open, and a network
 * starting on it then fails with EADDRINUSE.
 */
export const FIRST_OFFSET = 3_000;
export const LAST_OFFSET = 24_000;
export const OFFSET_STEP = 1_000;
const SLOTS = (LAST_OFFSET - FIRST_OFFSET) / OFFSET_STEP + 1;

export interface PortOffset {
  readonly offset: number;
  release(): void;
}

export function allocatePortOffset(name: string, lockDir = path.join(tmpdir(), 'crossborder-trace-port-offsets')): PortOffset {
  mkdirSync(lockDir, { recursive: true });
  const first = createHash('sha256').update(path.basename(name)).digest().readUInt32BE(0) % SLOTS;
  for (let i = 0; i < SLOTS; i++) {
    const offset = FIRST_OFFSET + ((first + i) % SLOTS) * OFFSET_STEP;
    const lock = path.join(lockDir, `${offset}.lock`);
    if (claim(lock)) {
      return {
        offset,
        release: () => {
          if (ownerOf(lock) === process.pid) removeIfPresent(lock);
        },
      };
    }
  }
  throw new Error(`no free port offset between ${FIRST_OFFSET} and ${LAST_OFFSET}: every slot in ${lockDir} is held`);
}

function claim(lock: string): boolean {
  if (create(lock)) return true;
  const owner = ownerOf(lock);
  // An empty lock belongs to a process between creating and writing it: held, not stale.
  if (owner === undefined || isAlive(owner)) return false;
  // Two processes reclaiming one stale lock at the same moment could both win; the second devnet then fails to
  // bind its ports and says so. Rare enough (it needs a crashed run first) not to warrant a lock server.
  removeIfPresent(lock);
  return create(lock);
}

function removeIfPresent(lock: string): void {
  try {
    unlinkSync(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** O_EXCL creation: of two processes racing for one slot, exactly one succeeds. */
function create(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function ownerOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
