/**
 * The built-in simulator as the worker's input feed (SIMULATOR=on).
 *
 * @module
 */
import type { Config } from '../config.ts';
import type { Logger } from '../http/logger.ts';
import type { InputFeed } from './simulator-feed.ts';

export async function createSimulatorFeed(_config: Config, logger: Logger): Promise<InputFeed | undefined> {
  logger.warn('the simulator is not available yet: the worker reads INPUT_DIR only');
  return undefined;
}
