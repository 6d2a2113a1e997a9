// The answers an engine gives when it cannot answer now: 503 with Retry-After, each saying why.
// The query is not at fault here (those are 4xx, raised where the query is checked), so the
// client may retry; the message says what to change when retrying alone will not help.
import { HttpError } from '../errors.js';

/** Seconds a client is asked to wait when the engine is busy or restarting a worker. */
export const RETRY_AFTER_SECONDS = 2;

/** 503 with Retry-After: the engine, not the query, is why there is no answer now. */
export function busy(message: string, retryAfterSeconds = RETRY_AFTER_SECONDS): HttpError {
  return HttpError.serviceUnavailable(message, retryAfterSeconds);
}

export function shuttingDown(): HttpError {
  return busy('The query engine is shutting down.');
}

export function stillLoading(): HttpError {
  return busy(`The SPARQL engine is still loading the data. Retry in ${RETRY_AFTER_SECONDS} s.`);
}

export function queueFull(concurrency: number, queueLength: number): HttpError {
  return busy(
    `Too many queries are running (${concurrency} at once, ${queueLength} waiting). Retry in ${RETRY_AFTER_SECONDS} s.`,
  );
}

/** The queries ahead would take longer than the deadline: come back when they are done. */
export function wouldMissDeadline(expectedWaitMs: number, timeoutMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(expectedWaitMs / 1000));
  return busy(
    `The SPARQL engine is busy: the queries ahead of this one would take about ${seconds} s, longer than the time limit of ${timeoutMs / 1000} s. Retry in ${seconds} s.`,
    seconds,
  );
}

export function pastDeadline(timeoutMs: number): HttpError {
  return busy(
    `The query was stopped after the time limit of ${timeoutMs / 1000} s. Make it more selective (LIMIT, more specific patterns).`,
  );
}

export function outOfMemory(queryMemoryBytes: number): HttpError {
  return busy(
    `The query was stopped: it needed more than ${Math.round(queryMemoryBytes / 2 ** 20)} MiB of memory, the limit for one query. Make it more selective (LIMIT, more specific patterns, no ORDER BY over large results).`,
  );
}

/** The engine trapped on the query (a WebAssembly fault) and was replaced. */
export function engineFault(reason: string): HttpError {
  return busy(
    `The query engine failed while evaluating this query (${reason}) and has been restarted. Retry in ${RETRY_AFTER_SECONDS} s; if it fails again, simplify the query.`,
  );
}

/** The engine's process or thread ended under the query. */
export function engineStopped(reason: string): HttpError {
  return busy(
    `The query engine stopped while evaluating this query (${reason}) and is being restarted. Retry in ${RETRY_AFTER_SECONDS} s.`,
  );
}

export function couldNotStart(reason: string): HttpError {
  return busy(`The SPARQL engine could not start: ${reason}.`);
}
