import { NotifierError } from '../../ports/notifier.port';
import { excerpt, replyLine, retryAfter, type NotifyResponse } from './notify-http';

/**
 * What a WhatsApp Cloud API error means for the notification worker. The Graph API answers
 * `{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}`,
 * and Meta asks integrators to act on `code` (and read `details`), not on the HTTP status — a
 * throughput limit is a 400 like a malformed request. The codes below are Meta's documented ones
 * ("WhatsApp error codes", developers.facebook.com); a code not listed falls back on the status:
 * 401/403 config, 408/429/5xx retry, other 4xx failed.
 */

type Kind = NotifierError['kind'];

/** Documented codes, by what the worker should do. */
const CODES: ReadonlyMap<number, Kind> = new Map<number, Kind>([
  // Throttling: app calls (4), WABA rate (80007), throughput (130429), spam rate (131048), pair rate (131056).
  [4, 'retry'],
  [80007, 'retry'],
  [130429, 'retry'],
  [131048, 'retry'],
  [131056, 'retry'],
  // Meta's side: unknown (1), service unavailable (2), something went wrong (131000), temporarily unavailable (131016).
  [1, 'retry'],
  [2, 'retry'],
  [131000, 'retry'],
  [131016, 'retry'],
  // The recipient: undeliverable (131026: not on WhatsApp, old app, terms not accepted), not in the
  // test number's allowed list (131030), the sender itself (131021), stopped marketing messages (131050).
  [131026, 'undeliverable'],
  [131030, 'undeliverable'],
  [131021, 'undeliverable'],
  [131050, 'undeliverable'],
  // Our credentials and account: auth (0), capability (3), permission (10), token expired (190),
  // phone number deleted (33), permissions (200–299, below), account locked (131031), payment (131042),
  // number not registered (133010), policy block (368). Also 100 with subcode 33 (below): no such
  // phone number id.
  [0, 'config'],
  [3, 'config'],
  [33, 'config'],
  [10, 'config'],
  [190, 'config'],
  [131031, 'config'],
  [131042, 'config'],
  [133010, 'config'],
  [368, 'config'],
  // The message: invalid parameter (100), missing/invalid value (131008/131009), unsupported type
  // (131051), template parameter count (132000), template does not exist (132001), text too long
  // (132005), policy (132007), parameter format (132012), template paused/disabled (132015/132016).
  [100, 'failed'],
  [131008, 'failed'],
  [131009, 'failed'],
  [131051, 'failed'],
  [132000, 'failed'],
  [132001, 'failed'],
  [132005, 'failed'],
  [132007, 'failed'],
  [132012, 'failed'],
  [132015, 'failed'],
  [132016, 'failed'],
]);

/** The Graph API error object of an answer, when it has one. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string };
  fbtrace_id?: string;
}

export function graphError(res: NotifyResponse): GraphError | null {
  try {
    const body = JSON.parse(res.text) as { error?: GraphError };
    return body && typeof body.error === 'object' ? body.error : null;
  } catch {
    return null;
  }
}

/** The worker's verdict for a Graph error code (undefined: not a code we know). */
export function kindForCode(code: number): Kind | undefined {
  if (code >= 200 && code <= 299) return 'config';
  return CODES.get(code);
}

function kindForStatus(status: number): Kind {
  if (status === 401 || status === 403) return 'config';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}

const ADVICE: Record<Kind, string> = {
  retry: 'it can be tried again later',
  undeliverable: 'the number cannot receive WhatsApp messages',
  failed: 'the message or template must be fixed before it is resent',
  config: "check the WhatsApp access token, the phone number id and the business account's status",
};

/** The NotifierError for a non-2xx answer of the Cloud API. */
export function classifyWhatsAppError(res: NotifyResponse): NotifierError {
  const err = graphError(res);
  const code = typeof err?.code === 'number' ? err.code : undefined;
  // (#100) with subcode 33: "Unsupported post request. Object with ID … does not exist" — our phone number id.
  const noSuchObject = code === 100 && err?.error_subcode === 33;
  const kind = noSuchObject ? 'config' : ((code !== undefined ? kindForCode(code) : undefined) ?? kindForStatus(res.status));
  const words = [err?.message, err?.error_data?.details].filter(Boolean).join(' — ');
  // The reply names the code and Meta's words; the trace id lets Meta's support find the call.
  const reply = err
    ? `HTTP ${res.status} code ${code ?? '?'}${err.error_subcode ? `/${err.error_subcode}` : ''}: ${excerpt(words)}${err.fbtrace_id ? ` (fbtrace_id ${err.fbtrace_id})` : ''}`
    : replyLine(res);
  const wait = kind === 'retry' ? retryAfter(res) : undefined;
  return new NotifierError(`WhatsApp refused the message (${reply}); ${ADVICE[kind]}`, kind, reply, wait, res.status);
}
