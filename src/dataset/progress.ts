// Progress lines for long start-up work (validating, loading): quiet for small data, a line every
// few seconds for large data, so a person watching the log knows the server is working, not stuck.

/** Where a progress line goes: its message, and the same figures as fields for JSON logs. */
export type ProgressSink = (message: string, fields: Record<string, unknown>) => void;

/** The state of one piece of work, described when a line is due (never per update). */
export type ProgressState = () => { message: string; fields: Record<string, unknown> };

export interface Progress {
  /** Records how far the work has got; cheap (no clock, no formatting), so call it as often as you like. */
  update(state: ProgressState): void;
  /** Ends the work: no more lines. */
  stop(): void;
}

/**
 * Every `intervalMs` while the work lasts, writes one line with its latest state and the seconds
 * since it began: work shorter than that writes nothing. The timer is unref'd, so it never keeps
 * the process alive. A synchronous step (Oxigraph loading one large file) delays the next line.
 */
export function startProgress(sink: ProgressSink, intervalMs = 5000): Progress {
  const started = performance.now();
  let state: ProgressState | undefined;
  const timer = setInterval(() => {
    if (!state) return;
    const { message, fields } = state();
    const elapsedMs = Math.round(performance.now() - started);
    sink(`${message} (${Math.round(elapsedMs / 1000)} s)`, { ...fields, elapsedMs });
  }, intervalMs);
  timer.unref();
  return {
    update(next) {
      state = next;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** A count for a person: 950, 12 k, 1.2 M. */
export function roughCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${n < 10_000 ? (n / 1000).toFixed(1) : Math.round(n / 1000)} k`;
  return `${n < 10_000_000 ? (n / 1_000_000).toFixed(1) : Math.round(n / 1_000_000)} M`;
}

/** Bytes for a person, in MB (10^6, as file managers count them). */
export function megabytes(bytes: number): string {
  return `${bytes < 10_000_000 ? (bytes / 1_000_000).toFixed(1) : Math.round(bytes / 1_000_000)} MB`;
}
