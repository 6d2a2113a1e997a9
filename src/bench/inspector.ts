// A minimal client of a child's inspector (started with --inspect=127.0.0.1:PORT): enough to run a
// full garbage collection in it and read its memory figures, so that memory a process holds can be
// told apart from garbage it has not collected yet.

export interface Inspector {
  /** A full garbage collection in the inspected process. */
  collectGarbage(): Promise<void>;
  /** process.memoryUsage() of the inspected process's main thread, in bytes. */
  memoryUsage(): Promise<NodeJS.MemoryUsage>;
  close(): void;
}

/** The NODE_OPTIONS that make a child listen for an inspector on 127.0.0.1:port only. */
export function inspectOptions(port: number): string {
  return [process.env.NODE_OPTIONS, `--inspect=127.0.0.1:${port}`].filter(Boolean).join(' ');
}

interface Reply {
  readonly id?: number;
  readonly result?: { result?: { value?: unknown } };
  readonly error?: { message: string };
}

export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on 127.0.0.1:${port}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)), {
      once: true,
    });
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: Reply) => void>();
  socket.addEventListener('message', (event: MessageEvent) => {
    const reply = JSON.parse(String(event.data)) as Reply;
    if (reply.id === undefined) return;
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const call = async (method: string, params: Record<string, unknown> = {}): Promise<Reply> => {
    const id = nextId++;
    const reply = await new Promise<Reply>((resolve) => {
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
    if (reply.error) throw new Error(`inspector ${method}: ${reply.error.message}`);
    return reply;
  };
  return {
    async collectGarbage() {
      await call('HeapProfiler.collectGarbage');
    },
    async memoryUsage() {
      const reply = await call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      });
      return JSON.parse(String(reply.result?.result?.value)) as NodeJS.MemoryUsage;
    },
    close() {
      socket.close();
    },
  };
}
