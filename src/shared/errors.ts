/** Error codes that cross the contract. Each has one meaning and one HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_CONFLICT: 409,
  DUPLICATE_ORDER: 409,
  /** Someone saved the thing since it was opened (its version moved on): reload it, then save again. */
  VERSION_CONFLICT: 409,
  UNKNOWN_SKU: 422,
  /** A scan that is not what the pick list or the counter expects (wrong item, wrong pickup code). */
  SCAN_MISMATCH: 422,
  /** The document was printed already: reprint it with a reason. */
  ALREADY_PRINTED: 409,
  /** Someone else holds it (an exception taken by another person): ask them, or a supervisor may take it over. */
  ALREADY_TAKEN: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field of a payload: where it is and how to fix it. */
export interface FieldIssue {
  /** Dotted path into the payload, e.g. `lines.0.quantity`. */
  path: string;
  message: string;
}

/** The error body every transport returns. */
export interface ErrorBody {
  /** `retryAfterSeconds`: with RATE_LIMITED and UNAVAILABLE, when to try again (HTTP also sends Retry-After). */
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; retryAfterSeconds?: number };
}

/** A failure with intent: thrown by handlers, serialised by every transport the same way. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** With RATE_LIMITED (and UNAVAILABLE): when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      },
    };
  }
}
