// Writes graphs into a remote store through the Graph Store protocol, in requests of bounded size.
import type { StartupLog } from '../dataset/cache-dir.js';
import { SparqlClient, StoreRefusal } from './sparql-client.js';

export interface GraphUploadOptions {
  readonly graphStoreUrl: string;
  /** Triples per request. */
  readonly chunkTriples: number;
  /** How long one request may take (ms). */
  readonly timeoutMs: number;
  readonly log: StartupLog;
}

export class GraphUpload {
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly client: SparqlClient,
    private readonly options: GraphUploadOptions,
  ) {}

  /** Drops a graph; one that is not there (404) is dropped already. */
  async drop(graph: string): Promise<void> {
    this.sent.delete(graph);
    await this.client
      .graph(this.options.graphStoreUrl, 'DELETE', graph, this.options.timeoutMs)
      .catch((error: unknown) => {
        if (!(error instanceof StoreRefusal && error.status === 404)) throw error;
      });
  }

  /** Replaces a graph with the N-Triples given. */
  async put(graph: string, nTriples: string): Promise<void> {
    await this.drop(graph);
    await this.append(graph, nTriples);
  }

  /**
   * Adds one document's N-Triples to a graph, in chunks; returns the triples sent. A blank node's
   * label holds within one request only, so every triple that mentions a blank node goes in the
   * document's last request, together (blank nodes are the document's own: Turtle scopes them to
   * a file, and our files have few, in lists and nested values).
   */
  async append(graph: string, nTriples: string): Promise<number> {
    const size = this.options.chunkTriples;
    const withBlanks: string[] = [];
    let chunk: string[] = [];
    let count = 0;
    const send = async (lines: string[]): Promise<void> => {
      if (lines.length === 0) return;
      // N-Triples is Turtle; Virtuoso's Graph Store reads text/turtle.
      await this.client.graph(this.options.graphStoreUrl, 'POST', graph, this.options.timeoutMs, {
        text: `${lines.join('\n')}\n`,
        mediaType: 'text/turtle',
      });
      count += lines.length;
      const before = this.sent.get(graph) ?? 0;
      const after = before + lines.length;
      this.sent.set(graph, after);
      if (Math.floor(after / (size * 5)) > Math.floor(before / (size * 5)))
        this.options.log.info({ graph, sent: after }, 'triples sent');
    };
    let start = 0;
    while (start < nTriples.length) {
      let end = nTriples.indexOf('\n', start);
      if (end < 0) end = nTriples.length;
      const line = nTriples.slice(start, end);
      start = end + 1;
      if (line.trim() === '' || line.startsWith('#')) continue;
      if (line.startsWith('_:') || / _:\S+ \.$/.test(line)) withBlanks.push(line);
      else chunk.push(line);
      if (chunk.length >= size) {
        await send(chunk);
        chunk = [];
      }
    }
    await send(chunk);
    await send(withBlanks);
    return count;
  }
}
