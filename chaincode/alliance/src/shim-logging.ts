import { Shim } from 'fabric-shim';
import type { LeveledLogMethod, Logger } from 'winston';

/**
 * fabric-shim's loggers that log on every state call (handler, stub, iterators) or every transaction. The shim's
 * winston loggers format each message in full (timestamp, metadata, padding, printf) before the transport drops
 * it for its level: a debug line costs about as much when it is off as when it is on, and the shim writes several
 * for each GetState and PutState.
 */
const SHIM_LOGGERS = ['lib/handler.js', 'lib/stub.js', 'lib/iterators.js', 'lib/chaincode.js', 'contracts-spi/chaincodefromcontract.js', 'contracts-spi/datamarshall.js'] as const;
const LEVELS = ['debug', 'verbose', 'info', 'warn'] as const;

/**
 * Makes a call at a level the logger does not log return at once, before any formatting. The level is still
 * fabric-shim's (CORE_CHAINCODE_LOGGING_LEVEL, or a change made while running): checked at every call.
 */
export function skipDisabledShimLogging(names: readonly string[] = SHIM_LOGGERS): void {
  for (const name of names) skipDisabledLevels(Shim.newLogger(name));
}

function skipDisabledLevels(logger: Logger): void {
  for (const level of LEVELS) {
    const log: LeveledLogMethod = logger[level].bind(logger);
    const guarded = (...args: Parameters<LeveledLogMethod>): Logger => (logger.isLevelEnabled(level) ? log(...args) : logger);
    logger[level] = guarded as LeveledLogMethod;
  }
}
