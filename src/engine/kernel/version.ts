/** The engine's version, reported by `system.health`. */
export const ENGINE_VERSION = '0.1.0';
