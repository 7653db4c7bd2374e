import { type Logger, pino } from 'pino';
import type { Config } from './config.js';

/** The server's logger: JSON lines, or with `STRATOFLOW_LOG_FORMAT=pretty` readable lines (pino-pretty). */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  if (config.logFormat !== 'pretty') return pino({ level: config.logLevel });
  return pino({
    level: config.logLevel,
    transport: {
      target: 'pino-pretty',
      options: {
        colorize: process.stdout.isTTY === true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
      },
    },
  });
}
