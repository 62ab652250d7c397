/**
 * The HAPI server's one error type. A `HapiError` carries a HAPI status code (HAPI 3.3 section 4.2,
 * never the reference server's shifted 1411-1413), knows its HTTP status, and renders itself as the
 * HAPI JSON error body with the code in the HTTP reason phrase:
 *
 *     HTTP/1.1 404 Not Found; HAPI error 1406: Bad request - unknown dataset id
 *     {"HAPI":"3.3","status":{"code":1406,"message":"HAPI error 1406: Bad request - unknown dataset id; ..."}}
 *
 * Messages say what is valid and never repeat the client's input (spec section 5.2).
 *
 * @module
 */
import { STATUS_CODES } from 'node:http';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const HAPI_VERSION = '3.3';

/** The status codes of HAPI 3.3 (section 4.2), with their HTTP status and standard wording. */
export const HAPI_STATUS = {
  1200: { http: 200, text: 'OK' },
  1201: { http: 200, text: 'OK - no data for time range' },
  1400: { http: 400, text: 'Bad request - user input error' },
  1401: { http: 400, text: 'Bad request - unknown API parameter name' },
  1402: { http: 400, text: 'Bad request - syntax error in start time' },
  1403: { http: 400, text: 'Bad request - syntax error in stop time' },
  1404: { http: 400, text: 'Bad request - start equal to or after stop' },
  1405: { http: 400, text: 'Bad request - start < startDate and/or stop > stopDate' },
  1406: { http: 404, text: 'Bad request - unknown dataset id' },
  1407: { http: 404, text: 'Bad request - unknown dataset parameter' },
  1408: { http: 400, text: 'Bad request - too much time or data requested' },
  1409: { http: 400, text: 'Bad request - unsupported output format' },
  1410: { http: 400, text: 'Bad request - unsupported include value' },
  1411: { http: 400, text: 'Bad request - out-of-order or duplicate parameters' },
  1412: { http: 400, text: 'Bad request - unsupported resolve_references value' },
  1413: { http: 400, text: 'Bad request - unsupported depth value' },
  1500: { http: 500, text: 'Internal server error' },
  1501: { http: 500, text: 'Internal server error - upstream request error' },
} as const;

export type HapiStatusCode = keyof typeof HAPI_STATUS;
export type HapiErrorCode = Exclude<HapiStatusCode, 1200 | 1201>;

/** The `status` object of a successful answer. */
export function okStatus(code: 1200 | 1201 = 1200): { code: number; message: string } {
  return { code, message: HAPI_STATUS[code].text };
}

/** The HTTP reason phrase of a successful answer: plain for 1200, `OK; HAPI 1201 ...` for no data. */
export function okReasonPhrase(code: 1200 | 1201): string | undefined {
  return code === 1201 ? `OK; HAPI 1201 ${HAPI_STATUS[1201].text}` : undefined;
}

export class HapiError extends Error {
  override name = 'HapiError';
  readonly httpStatus: ContentfulStatusCode;

  /**
   * @param code the HAPI status code
   * @param detail what is valid, e.g. "accepted values: csv, binary, json"; must not contain client input
   * @param headers extra response headers (e.g. Allow for 405)
   * @param httpStatusOverride a more specific HTTP status with the same first digit (spec section 4.3)
   */
  constructor(
    readonly code: HapiErrorCode,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
    httpStatusOverride?: ContentfulStatusCode,
  ) {
    super(`HAPI error ${code}: ${HAPI_STATUS[code].text}${detail ? `; ${detail}` : ''}`);
    this.httpStatus = httpStatusOverride ?? (HAPI_STATUS[code].http as ContentfulStatusCode);
  }

  /** `Not Found; HAPI error 1406: Bad request - unknown dataset id` (ASCII only, safe for the status line). */
  get reasonPhrase(): string {
    return `${STATUS_CODES[this.httpStatus] ?? 'Error'}; HAPI error ${this.code}: ${HAPI_STATUS[this.code].text}`;
  }

  /** The body `{"HAPI": "3.3", "status": {"code", "message"}}`. */
  get body(): { HAPI: string; status: { code: number; message: string } } {
    return { HAPI: HAPI_VERSION, status: { code: this.code, message: this.message } };
  }

  /** Render as the HAPI JSON error answer (always JSON, whatever format was asked for). */
  toResponse(): Response {
    return new Response(`${JSON.stringify(this.body)}\n`, {
      status: this.httpStatus,
      statusText: this.reasonPhrase,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...this.headers },
    });
  }
}

/** True for SQLite errors that mean "the catalogue could not answer now" (busy, locked, I/O). */
export function isUpstreamFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|PROTOCOL)/.test(code);
}

/** Any thrown value as a HapiError: itself, 1501 for catalogue outages, else 1500 (no details leak). */
export function asHapiError(e: unknown): HapiError {
  if (e instanceof HapiError) return e;
  if (isUpstreamFailure(e)) return new HapiError(1501, 'the catalogue database did not answer; retry later');
  return new HapiError(1500);
}
