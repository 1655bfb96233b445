/** Structured logging as the bots use it; pino and fastify's logger satisfy it. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** pino's: lets a caller skip formatting a line nobody will see. */
  isLevelEnabled?(level: string): boolean;
}

export const silentLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  isLevelEnabled: () => false,
};
