/** The core's public surface: adapters import from here. */

export * from './bounded-map.js';
export * from './commands.js';
export * from './effects.js';
export * from './errors.js';
export * from './events.js';
export * from './handles.js';
export * from './links.js';
export * from './merge.js';
export * from './policy.js';
export * from './ports.js';
export * from './result.js';
export * from './rules.js';
export * from './text.js';
export * from './types.js';
export * from './usecases/accounts.js';
export * from './usecases/departure.js';
export * from './usecases/deps.js';
export * from './usecases/merge.js';
export * from './usecases/outbox.js';
export * from './usecases/people.js';
export * from './usecases/platform-used.js';
export * from './usecases/privacy.js';
export * from './usecases/requests.js';
export * from './usecases/signin.js';
