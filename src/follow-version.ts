// A front end of a remote store follows the store's current data version: every STORE_FOLLOW_MS
// (and at once on SIGHUP) it asks which version readers use and, when that is not the one it
// serves, opens the new one beside the old, which serves meanwhile. Requests then go to the new
// one, and the old one is closed once the requests it holds have been answered. A version that
// cannot be opened (the store away, a version without its graphs) leaves the old one serving, and
// is tried again at the next turn. After `npm run load`, front ends need no restart.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { datasetVersion } from './dataset/open.js';
import { closePlatform, openPlatform, type Platform } from './platform.js';
import { servedVersion } from './store/data-version.js';
import { SparqlClient } from './store/sparql-client.js';

/** How long the old version may take to answer the requests it holds before it is closed anyway. */
const DRAIN_MS = 60_000;

export interface Follower {
  /** Asks the store now (what SIGHUP does); resolves when the answer has been acted on. */
  check(): Promise<void>;
  /** Stops asking, waits for a version being opened, and closes every version but the current. */
  stop(): Promise<void>;
}

/**
 * Follows the store's current version for a front end (see the module comment). `switchTo` gets
 * the new platform once it is ready; requests counted in by `held` on the old one are waited for.
 */
export function followVersions(options: {
  readonly config: Config;
  readonly logger: Logger;
  readonly served: () => Platform;
  readonly switchTo: (next: Platform) => void;
  readonly held: (platform: Platform) => number;
}): Follower | undefined {
  const { config, logger } = options;
  const settings = config.store;
  if (settings.kind !== 'sparql' || settings.followMs === 0 || settings.dataVersion) return undefined;
  const client = new SparqlClient(settings.queryUrl);
  let running: Promise<void> | undefined;
  let stopped = false;
  const closing = new Set<Promise<void>>();

  const turn = async (): Promise<void> => {
    const served = options.served();
    let contentHash: string;
    try {
      ({ contentHash } = await servedVersion(client, config.baseIri, settings.readTimeoutMs));
    } catch (error) {
      logger.warn(
        { err: (error as Error).message },
        'cannot ask the store which data version is current; serving the same',
      );
      return;
    }
    if (datasetVersion(config.baseIri, contentHash) === served.site.dataset.version || stopped) return;
    const started = performance.now();
    logger.info({ contentHash }, 'the store has a new current data version; opening it');
    let next: Platform | undefined;
    try {
      next = (await openPlatform(config, undefined, logger)).platform;
      if (!next) throw new Error('the new version could not be opened');
      await next.store.ready;
    } catch (error) {
      if (next) await closePlatform(next).catch(() => undefined);
      logger.warn(
        { err: (error as Error).message, contentHash },
        'the new data version could not be opened; serving the one before, and trying again later',
      );
      return;
    }
    if (stopped) {
      await closePlatform(next);
      return;
    }
    options.switchTo(next);
    logger.info(
      { contentHash, ms: Math.round(performance.now() - started), things: next.site.things.size },
      'serving the new data version',
    );
    const drained = drain(served).finally(() => closing.delete(drained));
    closing.add(drained);
  };

  const drain = async (old: Platform): Promise<void> => {
    const until = performance.now() + DRAIN_MS;
    while (options.held(old) > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    await closePlatform(old).catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'closing the old data version failed'));
  };

  const check = (): Promise<void> => {
    running ??= turn().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void check(), settings.followMs);
  timer.unref();
  return {
    check,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all(closing);
    },
  };
}
