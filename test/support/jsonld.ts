// A JSON-LD document loader for tests: our context, fetched from the app itself; nothing remote.
import type { Express } from 'express';
import type jsonld from 'jsonld';
import request from 'supertest';
import { TEST_BASE } from './dataset.js';

/** What a JSON-LD document loader resolves to. */
export type RemoteDocument = Awaited<ReturnType<NonNullable<jsonld.Options.DocLoader['documentLoader']>>>;

/** Loads `/context.jsonld` from the app; the loader it returns refuses every other URL. */
export async function appContextLoader(app: Express): Promise<(url: string) => Promise<RemoteDocument>> {
  const res = await request(app).get('/context.jsonld');
  if (res.status !== 200) throw new Error(`/context.jsonld answered ${res.status}`);
  const document = JSON.parse(res.text) as RemoteDocument['document'];
  const contextUrl = `${TEST_BASE}context.jsonld`;
  return (url) =>
    url === contextUrl
      ? Promise.resolve({ documentUrl: url, document })
      : Promise.reject(new Error(`the test refuses to load ${url}`));
}
