// A Fabric node kept running as a service manager keeps a daemon running: when it ends without being asked to
// (a crash, a kill by the OOM killer or an operator), it is started again on its own data folder, with backoff.
import { RestartBackoff } from '../restart-backoff';
import { FabricNodeProcess, type NodeProcessOptions } from './node-process';

export interface SupervisedNodeHooks {
  readonly log: (message: string) => void;
  /** After a restart succeeded: the node has a new pid. */
  readonly onRestarted: () => void;
}

export class SupervisedNode {
  readonly #backoff = new RestartBackoff();
  #node?: FabricNodeProcess;
  #restartTimer?: NodeJS.Timeout;
  #stopped = false;

  constructor(
    readonly options: Omit<NodeProcessOptions, 'onUnexpectedExit'>,
    private readonly hooks: SupervisedNodeHooks,
  ) {}

  get name(): string {
    return this.options.name;
  }

  /** The running process's id; undefined while the node is down. */
  get pid(): number | undefined {
    return this.#node?.running ? this.#node.pid : undefined;
  }

  /** Starts the node and waits until it is ready; a failed first start is the caller's to handle. */
  async start(): Promise<void> {
    this.#backoff.started();
    await FabricNodeProcess.start({ ...this.options, onUnexpectedExit: (why) => this.#ended(why) }, (node) => (this.#node = node));
  }

  /** Stops the node for good: no restart follows. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    await this.#node?.stop();
  }

  #ended(why: string): void {
    if (this.#stopped) return;
    const delay = this.#backoff.nextDelayMs();
    this.hooks.log(`${this.name} exited unexpectedly (${why}); restarting in ${delay} ms`);
    this.#restartTimer = setTimeout(() => void this.#restart(), delay);
  }

  async #restart(): Promise<void> {
    this.#restartTimer = undefined;
    try {
      await this.start();
      this.hooks.log(`${this.name} restarted (pid ${this.pid})`);
      this.hooks.onRestarted();
    } catch (err) {
      if (this.#stopped) return;
      this.hooks.log(`${this.name} did not come back: ${(err as Error).message.split('\n')[0]}`);
      // An exit while starting has already scheduled the next attempt; a node that never got ready has not.
      if (!this.#restartTimer) this.#ended('not ready');
    }
  }
}
