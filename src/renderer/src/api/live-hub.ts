import { useEffect, useEffectEvent } from 'react';
import { desk, type DeskClient, type DeskEvent } from './desk-client';

/** Hears every engine event and the resync (`desk.resync`: events may have been missed, so refetch what is shown). */
export type LiveListener = (e: DeskEvent) => void;

export interface LiveHub {
  /** Adds a listener for engine events and the resync; returns its unsubscribe (safe to call twice). */
  subscribe(listener: LiveListener): () => void;
  /** How many listeners are subscribed. */
  listenerCount(): number;
}

/** A listener that threw is reported the way an uncaught error is, after every other listener has heard the event. */
const reportLater = (error: unknown) =>
  setTimeout(() => {
    throw error;
  });

/**
 * The one path for live events in the desk: one subscription to the transport's `onDeskEvent`
 * (held while anyone listens), fanned out to every listener. Every listener also hears the resync,
 * so no view can miss a refresh after the engine restarts or the socket reconnects.
 */
export function createLiveHub(source: Pick<DeskClient, 'onDeskEvent'>, onListenerError: (e: unknown) => void = reportLater): LiveHub {
  // One entry per subscription: the same function subscribed twice is two listeners.
  const entries = new Set<{ listener: LiveListener }>();
  let release: (() => void) | null = null;
  const fanOut = (e: DeskEvent) => {
    for (const entry of [...entries]) {
      if (!entries.has(entry)) continue; // unsubscribed by an earlier listener of this event
      try {
        entry.listener(e);
      } catch (error) {
        onListenerError(error);
      }
    }
  };
  return {
    subscribe(listener) {
      const entry = { listener };
      entries.add(entry);
      release ??= source.onDeskEvent(fanOut);
      return () => {
        if (!entries.delete(entry) || entries.size > 0) return;
        release?.();
        release = null;
      };
    },
    listenerCount: () => entries.size,
  };
}

/** The desk's hub, over its one client. */
export const liveHub: LiveHub = createLiveHub(desk);

/**
 * Hears engine events and the resync while the component is mounted. The listener may change
 * between renders (the latest one is called); the subscription is made once per mount.
 */
export function useLiveEvents(listener: LiveListener, hub: LiveHub = liveHub): void {
  const hear = useEffectEvent(listener);
  useEffect(() => hub.subscribe((e) => hear(e)), [hub]);
}
