import type { Params } from 'nestjs-pino';
import type { ServiceConfig } from '../config/service-config';

/**
 * JSON lines on stdout, one per event, with the service name on each; request logs skip the
 * probes (`/health`, `/metrics`) that would drown everything else. Handlers that work for a
 * call put `callId` in the log object themselves.
 */
export function loggerOptions(config: ServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.serviceName },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      autoLogging: { ignore: (req) => ['/health', '/metrics'].includes(req.url ?? '') },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  };
}
