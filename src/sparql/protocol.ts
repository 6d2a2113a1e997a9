// The SPARQL 1.1 Protocol's request shapes (https://www.w3.org/TR/sparql11-protocol/#query-operation),
// turned into one query string or a 4xx.
import { HttpError } from '../errors.js';

export interface ProtocolLimits {
  /** Longest accepted query, in bytes (413 beyond). */
  readonly maxQueryBytes: number;
}

/** The parts of an HTTP request the protocol reads, as plain values (no express here). */
export interface ProtocolInput {
  readonly method: string;
  /** The request target as received: path and query string. */
  readonly originalUrl: string;
  /** The Content-Type header, if any. */
  readonly contentType: string | undefined;
}

/** A parsed protocol request: the query, or none (a GET without query: the service description). */
export type ProtocolRequest = { readonly query: string } | { readonly query?: undefined };

/** Parameters of the update operation: never accepted by this read-only endpoint. */
const UPDATE_PARAMS = ['update', 'using-graph-uri', 'using-named-graph-uri'];
/** Dataset parameters: refused everywhere (the dataset is fixed; see the service description). */
const DATASET_PARAMS = ['default-graph-uri', 'named-graph-uri'];

/**
 * Reads the query from `GET ?query=`, a form-encoded POST or an `application/sparql-query` POST.
 * `body` is the raw request body for POST (already size-limited by the caller).
 */
export function parseProtocolRequest(
  req: ProtocolInput,
  body: Buffer | undefined,
  limits: ProtocolLimits,
): ProtocolRequest {
  const contentType = (req.contentType ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  const urlParams = strictParams(
    req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
    'query string',
  );
  let params: URLSearchParams;
  let directQuery: string | undefined;

  if (req.method === 'GET' || req.method === 'HEAD') {
    params = urlParams;
  } else if (req.method === 'POST') {
    if (mediaType === 'application/x-www-form-urlencoded') {
      params = strictParams(decodeUtf8(body ?? Buffer.alloc(0), 'form body'), 'form body');
      for (const [key, value] of urlParams) params.append(key, value);
    } else if (mediaType === 'application/sparql-query') {
      const charset = /charset\s*=\s*"?([^";]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        throw HttpError.unsupportedMediaType(
          `Only UTF-8 is accepted for application/sparql-query; got charset=${charset}.`,
        );
      }
      params = urlParams;
      directQuery = decodeUtf8(body ?? Buffer.alloc(0), 'query');
      if (params.has('query'))
        throw HttpError.badRequest('Send the query either in the body or as the query parameter, not both.');
    } else if (mediaType === 'application/sparql-update') {
      throw HttpError.badRequest('This endpoint is read-only: SPARQL updates are not accepted.');
    } else {
      throw HttpError.unsupportedMediaType(
        `A POST to the SPARQL endpoint needs Content-Type application/x-www-form-urlencoded or application/sparql-query${mediaType ? `; got ${mediaType}` : ''}.`,
      );
    }
  } else {
    throw HttpError.methodNotAllowed(['GET', 'HEAD', 'POST', 'OPTIONS']);
  }

  if (UPDATE_PARAMS.some((p) => params.has(p)))
    throw HttpError.badRequest('This endpoint is read-only: SPARQL updates are not accepted.');
  const datasetParam = DATASET_PARAMS.find((p) => params.has(p));
  if (datasetParam) {
    throw HttpError.badRequest(
      `${datasetParam} is not supported: the dataset is fixed (the default graph holds the data and the ontology; there are no named graphs).`,
    );
  }
  const queries = params.getAll('query');
  if (directQuery !== undefined) queries.push(directQuery);
  if (queries.length > 1) throw HttpError.badRequest('Exactly one query parameter is allowed.');
  const query = queries[0];
  if (query === undefined) {
    if (req.method === 'POST') throw HttpError.badRequest('The request has no query.');
    return {};
  }
  if (Buffer.byteLength(query) > limits.maxQueryBytes) {
    throw HttpError.payloadTooLarge(`The query is longer than ${limits.maxQueryBytes} bytes.`);
  }
  if (query.trim() === '') throw HttpError.badRequest('The query is empty.');
  return { query };
}

/** URL-encoded parameters whose percent-encoded bytes must be UTF-8 (URLSearchParams alone substitutes U+FFFD silently). */
function strictParams(encoded: string, what: string): URLSearchParams {
  try {
    for (const part of encoded.split(/[&=]/)) decodeURIComponent(part.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    throw HttpError.badRequest(`The ${what} is not valid UTF-8 once percent-decoded.`);
  }
  return new URLSearchParams(encoded);
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw HttpError.badRequest(`The ${what} is not valid UTF-8.`);
  }
}
