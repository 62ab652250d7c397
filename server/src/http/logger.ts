/**
 * JSON logging with pino, and a request-logging middleware that records method, path, status,
 * duration, bytes and whether the client looks like a robot (HAPI asks robots to say so in
 * User-Agent).
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level }, destination) : pino({ level });
}

const ROBOT = /bot|crawler|spider|verifier|python-requests|hapiclient|curl|wget/i;

export function requestLogger(logger: Logger): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const ua = c.req.header('user-agent') ?? '';
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        bytes: Number(c.res.headers.get('content-length') ?? 0) || undefined,
        robot: ROBOT.test(ua) || undefined,
      },
      'request',
    );
  };
}
