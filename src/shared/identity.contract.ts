import { z } from 'zod';
import { ADMIN_ONLY, ANY_STAFF, STAFF_ROLES } from './roles';

/**
 * People and machines who may call the engine, and the audit trail of what they did.
 *
 * Signing in, signing out and the first-run setup are not contract endpoints: they carry
 * credentials and set the session (a cookie on the web, the window's session in Electron), so each
 * transport serves them itself through the engine's `identity` service. Everything an admin does
 * to users and API keys, and reading the audit log, is here like any other endpoint.
 */

/** Sign-in names: letters, digits, dot, dash, underscore, @ (an e-mail works); compared case-insensitively. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(120)
  .regex(/^[\p{L}\p{N}._@+-]+$/u, 'letters, digits and . _ @ + - only (no spaces)')
  .transform((s) => s.toLowerCase());

/** At least 12 characters (a passphrase); at most 256 so hashing stays bounded. */
export const PasswordSchema = z.string().min(12, 'at least 12 characters — a passphrase is easiest').max(256);

export const StaffRoleSchema = z.enum(STAFF_ROLES);
const locationIds = z.array(z.string().min(1).max(64)).max(200);

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRoleSchema,
  /** The locations of a store associate; empty for other roles. */
  locations: z.array(z.string()),
  disabled: z.boolean(),
  /** Signs in through the company's identity provider (OIDC) rather than a password. */
  external: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionInfoSchema = z.object({
  user: UserSchema,
  /** When the session ends whatever happens (absolute expiry). */
  expiresAt: z.string(),
  /** After this long without a call the session ends (idle expiry), in seconds. */
  idleTimeoutSeconds: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const ApiKeyScopeSchema = z.enum(['inventory.feeds', 'orders.read']);
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  /** The first characters of the key, to recognise it; the key itself is shown once, at creation. */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const AuditOutcomeSchema = z.enum(['ok', 'denied', 'failed']);
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
  role: z.string(),
  /** The endpoint, or `session.signIn` / `session.signOut` / `session.setup` / `session.signInFailed`. */
  action: z.string(),
  outcome: AuditOutcomeSchema,
  reason: z.string().nullable(),
  orderId: z.string().nullable(),
  locationId: z.string().nullable(),
  /** What the command was about when it is not an order (a channel, a user, a SKU at a location …). */
  subject: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The input as sent, with secrets and passwords removed. */
  input: z.unknown().nullable(),
  error: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  userId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  locationId: z.string().max(64).optional(),
  /** An endpoint name or its prefix (`sourcing.` matches every sourcing action). */
  action: z.string().max(100).optional(),
  outcome: AuditOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Paging: entries older than this id (the previous page's `nextBefore`). */
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const identityContract = {
  'session.me': { kind: 'query', roles: ANY_STAFF, input: z.object({}).default({}), output: SessionInfoSchema },
  /** Changes the caller's own password (not for external users); every other session of theirs ends. */
  'session.changePassword': {
    kind: 'command',
    roles: ANY_STAFF,
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: PasswordSchema }),
    output: z.object({ changed: z.literal(true) }),
  },
  'users.list': { kind: 'query', roles: ADMIN_ONLY, input: z.object({}).default({}), output: z.array(UserSchema) },
  'users.create': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      username: UsernameSchema,
      displayName: z.string().trim().min(1).max(200),
      role: StaffRoleSchema,
      /** Required (at least one) for an associate; must be empty for other roles. */
      locations: locationIds.default([]),
      /** Absent for a user who signs in through the identity provider only. */
      password: PasswordSchema.optional(),
    }),
    output: UserSchema,
  },
  'users.update': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({
      id: z.string().min(1).max(64),
      displayName: z.string().trim().min(1).max(200).optional(),
      role: StaffRoleSchema.optional(),
      locations: locationIds.optional(),
      /** Disabling ends every session of the user at once. */
      disabled: z.boolean().optional(),
    }),
    output: UserSchema,
  },
  /** Sets a new password chosen by the admin; every session of the user ends. */
  'users.resetPassword': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ id: z.string().min(1).max(64), password: PasswordSchema }),
    output: UserSchema,
  },
  'apiKeys.list': { kind: 'query', roles: ADMIN_ONLY, input: z.object({}).default({}), output: z.array(ApiKeySchema) },
  /** The answer holds the key once; only its hash is stored. */
  'apiKeys.create': {
    kind: 'command',
    roles: ADMIN_ONLY,
    input: z.object({ name: z.string().trim().min(1).max(120), scopes: z.array(ApiKeyScopeSchema).min(1) }),
    output: z.object({ key: ApiKeySchema, secret: z.string() }),
  },
  'apiKeys.revoke': { kind: 'command', roles: ADMIN_ONLY, input: z.object({ id: z.string().min(1).max(64) }), output: ApiKeySchema },
  'audit.list': {
    kind: 'query',
    roles: ['supervisor', 'admin'],
    input: AuditQuerySchema,
    output: z.object({ rows: z.array(AuditEntrySchema), nextBefore: z.string().nullable() }),
  },
} as const;
