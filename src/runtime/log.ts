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

/** A log that forwards to one known only later (fastify's logger once the plugin is registered). */
export const deferredLog = (get: () => Log): Log => ({
  debug: (o, m) => get().debug(o, m),
  info: (o, m) => get().info(o, m),
  warn: (o, m) => get().warn(o, m),
  error: (o, m) => get().error(o, m),
  isLevelEnabled: (level) => get().isLevelEnabled?.(level) ?? true,
});
