// oidc-provider (the loopback identity provider of tests/integration/oidc.test.ts) ships no types.
declare module 'oidc-provider';
