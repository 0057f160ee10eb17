export type { Actor, ClientMeta, Engine, EngineConfig, EngineRuntime, ExternalIdentity, Identity, Role, SignedIn } from './engine.types';
export { ROLES } from './engine.types';
export { compareEventPositions, type EventReplay } from './ports/event-bus.port';
export { loadConfig } from './config';
export { startEngine } from './start-engine';
export { restOrderCall } from './modules/channels/inbox-receive';
export { RETRY_AFTER_SECONDS, unavailableError } from './kernel/unavailable';
