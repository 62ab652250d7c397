/**
 * The product API's one error type. It knows its HTTP status and renders itself as a JSON body
 * `{"error": {"status": 400, "code": "bad_request", "message": "..."}}`; the app-level error handler
 * asks any thrown value whether it can render itself, and turns everything else into a plain 500
 * without details (the details go to the log, never to the client).
 *
 * @module
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The JSON response for this error. */
  toResponse(): Response {
    return new Response(JSON.stringify({ error: { status: this.status, code: this.code, message: this.message } }), {
      status: this.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, 'bad_request', message);
  }

  static notFound(message: string): ApiError {
    return new ApiError(404, 'not_found', message);
  }
}

/** Anything that can render itself as a response (ApiError, HapiError ...). */
export interface SelfRendering {
  toResponse(): Response;
}

export function isSelfRendering(e: unknown): e is SelfRendering {
  return typeof e === 'object' && e !== null && typeof (e as SelfRendering).toResponse === 'function';
}
