// A baseline server for the benchmark: returns the same bytes as the platform, from constants.
// BENCH_MODE=express uses an express app; BENCH_MODE=http a bare node:http server.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import express from 'express';

interface Constant {
  readonly contentType: string;
  readonly body: Buffer;
}

const file = process.env.BENCH_BODIES ?? '';
const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { contentType: string; base64: string }>;
const bodies = new Map<string, Constant>(
  Object.entries(raw).map(([path, b]) => [path, { contentType: b.contentType, body: Buffer.from(b.base64, 'base64') }]),
);
const port = Number(process.env.PORT);
const probe: Constant = { contentType: 'text/plain', body: Buffer.from('ok') };

if (process.env.BENCH_MODE === 'express') {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res) => {
    const constant = bodies.get(req.path) ?? probe;
    res.setHeader('Content-Type', constant.contentType);
    res.end(constant.body);
  });
  app.listen(port, '127.0.0.1');
} else {
  http
    .createServer((req, res) => {
      const constant = bodies.get((req.url ?? '/').split('?')[0] ?? '/') ?? probe;
      res.writeHead(200, { 'Content-Type': constant.contentType, 'Content-Length': constant.body.length });
      res.end(constant.body);
    })
    .listen(port, '127.0.0.1');
}
process.on('SIGTERM', () => process.exit(0));
