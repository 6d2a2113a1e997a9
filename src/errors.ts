// The one error type: a status and a message a client can act on. It sits below every layer
// (the SPARQL stage throws it too); src/http/error-handler.ts alone turns it into a response.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (Allow, Retry-After ...). */
    readonly headers: Record<string, string> = {},
    /** Media types to list in a 406 body. */
    readonly available?: string[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  static badRequest(message: string): HttpError {
    return new HttpError(400, message);
  }

  static notFound(message = 'Nothing is published at this address.'): HttpError {
    return new HttpError(404, message);
  }

  static methodNotAllowed(allow: readonly string[]): HttpError {
    return new HttpError(405, `This resource answers ${allow.join(', ')} only.`, { Allow: allow.join(', ') });
  }

  static notAcceptable(available: readonly string[]): HttpError {
    return new HttpError(
      406,
      `None of the media types in the Accept header is available here. Available: ${available.join(', ')}.`,
      {},
      [...available],
    );
  }

  static gone(message: string): HttpError {
    return new HttpError(410, message);
  }

  static payloadTooLarge(message: string): HttpError {
    return new HttpError(413, message);
  }

  static unsupportedMediaType(message: string): HttpError {
    return new HttpError(415, message);
  }

  static serviceUnavailable(message: string, retryAfterSeconds: number): HttpError {
    return new HttpError(503, message, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** Standard reason phrases for the statuses we send. */
export const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
