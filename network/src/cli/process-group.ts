import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The network process is started detached, so it leads a process group of its own, and everything it starts (the
 * devnet's chaincode servers; Fabric's orderer, peers and chaincode servers) belongs to that group unless it moves
 * itself out. Signalling the group reaches them even when the leader died before it could stop them: a start-up
 * interrupted before the network installs its own signal handlers, or a leader killed with SIGKILL.
 */

/** Whether any process of the group is left. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** SIGTERM to every process of the group, SIGKILL to what is left after the grace period; resolves once none is left. */
export async function stopProcessGroup(pgid: number, graceMs = 15_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  // SIGKILL cannot be refused; the wait is for their parents to reap them, bounded because a parent may not.
  const reaped = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < reaped) await sleep(50);
}
