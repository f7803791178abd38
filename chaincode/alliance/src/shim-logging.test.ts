import { Shim } from 'fabric-shim';
import { skipDisabledShimLogging } from './shim-logging';

describe('skipDisabledShimLogging', () => {
  it('drops a call below the level before the logger formats it, and follows a change of level', () => {
    skipDisabledShimLogging(['shim-logging.test']);
    const logger = Shim.newLogger('shim-logging.test');
    logger.level = 'warn';
    const write = jest.spyOn(logger, 'write').mockImplementation(() => true);
    logger.debug('not written');
    logger.info('not written either');
    expect(write).not.toHaveBeenCalled();
    logger.warn('written');
    expect(write).toHaveBeenCalledTimes(1);
    logger.level = 'debug';
    logger.debug('written now');
    expect(write).toHaveBeenCalledTimes(2);
  });
});
