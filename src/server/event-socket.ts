import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { WebSocket } from 'ws';
import { deskMayHear, LIVE_AFTER_PARAM } from '../shared';
import type { Actor, Engine } from '../engine';
import { streamEvents } from './event-stream';
import { sessionTokenOf } from './session-cookie';

/** The close code a desk gets when its session has ended (4000–4999 are the application's). */
export const SESSION_ENDED = 4401;
/** How often an open socket asks the engine whether its session still lives. */
export const SESSION_RECHECK_MS = 30_000;

/** The `after` place a reconnecting desk names in the stream's URL, if any. */
function afterOf(url: string): string | undefined {
  return new URL(url, 'http://desk').searchParams.get(LIVE_AFTER_PARAM) ?? undefined;
}

interface Listener {
  socket: WebSocket;
  actor: Actor;
}

/**
 * `GET /api/v1/events`, the live event stream: opened only with a live session (401 and no upgrade
 * otherwise), each socket sent only what its user may hear (`deskMayHear`). A session that ends —
 * signed out on this host (at once), or expired, disabled, signed out elsewhere (found by the
 * periodic re-check) — closes its sockets with {@link SESSION_ENDED}. A desk that reconnects with
 * `?after=<at>` is sent what it missed first (`event-stream.ts`).
 */
export function eventSocket(engine: Engine, o: { tls: boolean; gate: onRequestAsyncHookHandler; recheckMs?: number }) {
  const byToken = new Map<string, Set<Listener>>();

  const end = (token: string) => {
    for (const l of byToken.get(token) ?? []) l.socket.close(SESSION_ENDED, 'session ended');
    byToken.delete(token);
  };

  const register = async (scope: FastifyInstance) => {
    scope.get('/api/v1/events', { websocket: true, onRequest: o.gate }, (socket, req) => {
      const token = sessionTokenOf(req, o.tls)!;
      const me: Listener = { socket, actor: req.actor! };
      const mine = byToken.get(token) ?? new Set<Listener>();
      mine.add(me);
      byToken.set(token, mine);

      const off = streamEvents(
        engine,
        socket,
        (event) => deskMayHear(me.actor, event),
        afterOf(req.url),
        (e) => req.log.warn({ err: e }, 'event socket: the missed events could not be read; the desk resyncs'),
      );
      const recheck = setInterval(() => {
        // An open socket is not the person at work: the re-check must not keep the session from going idle.
        engine.identity.authenticate(token, { touch: false }).then(
          (actor) => {
            if (actor)
              me.actor = actor; // a changed role or set of locations applies from here on
            else end(token);
          },
          // The database away is not a signed-out user: keep the socket, ask again next time.
          (e: unknown) => req.log.warn({ err: e }, 'event socket: the session could not be re-checked'),
        );
      }, o.recheckMs ?? SESSION_RECHECK_MS);
      recheck.unref();
      const closed = () => {
        off();
        clearInterval(recheck);
        mine.delete(me);
        if (mine.size === 0 && byToken.get(token) === mine) byToken.delete(token);
      };
      socket.on('close', closed);
      socket.on('error', closed);
    });
  };
  return { register, end };
}
