import { useEffect, useEffectEvent } from 'react';
import { desk, type DeskClient, type DeskEvent } from './desk-client';
import { nextFrame, type FrameScheduler } from './next-frame';

/** Hears every engine event and the resync (`desk.resync`: events may have been missed, so refetch what is shown). */
export type LiveListener = (e: DeskEvent) => void;
/** Hears a frame's events at once, in the order they arrived (never empty). */
export type LiveBatchListener = (events: readonly DeskEvent[]) => void;

export interface LiveHub {
  /** Adds a listener for engine events and the resync; returns its unsubscribe (safe to call twice). */
  subscribe(listener: LiveListener): () => void;
  /**
   * Adds a listener that hears each frame's events as one batch: a store applies them in one `set()`,
   * so a burst re-renders once. Returns its unsubscribe (safe to call twice).
   */
  subscribeBatch(listener: LiveBatchListener): () => void;
  /** How many listeners are subscribed. */
  listenerCount(): number;
}

export interface LiveHubOptions {
  /** A listener that threw; by default reported the way an uncaught error is, after every other listener has heard. */
  onListenerError?: (e: unknown) => void;
  /** When the events gathered so far are delivered: the next animation frame by default. */
  frame?: FrameScheduler;
}

const reportLater = (error: unknown) =>
  setTimeout(() => {
    throw error;
  });

type Entry = { listener: LiveListener; batch: false } | { listener: LiveBatchListener; batch: true };

/**
 * The one path for live events in the desk: one subscription to the transport's `onDeskEvent`
 * (held while anyone listens), fanned out to every listener. Events are gathered and delivered once
 * per animation frame — at 200 events a second a frame holds three or four — so the desk paints once
 * per frame, not once per event; batch listeners get the frame's events together. Every listener also
 * hears the resync, so no view can miss a refresh after the engine restarts or the socket reconnects.
 */
export function createLiveHub(source: Pick<DeskClient, 'onDeskEvent'>, o: LiveHubOptions = {}): LiveHub {
  const onListenerError = o.onListenerError ?? reportLater;
  const frame = o.frame ?? nextFrame;
  // One entry per subscription: the same function subscribed twice is two listeners.
  const entries = new Set<Entry>();
  let release: (() => void) | null = null;
  let pending: DeskEvent[] = [];
  const call = (f: () => void) => {
    try {
      f();
    } catch (error) {
      onListenerError(error);
    }
  };
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    // Listeners subscribed during this delivery hear only later frames; one removed stops hearing at once.
    const now = [...entries];
    for (const e of batch) {
      for (const entry of now) if (!entry.batch && entries.has(entry)) call(() => entry.listener(e));
    }
    for (const entry of now) if (entry.batch && entries.has(entry)) call(() => entry.listener(batch));
  };
  const gather = (e: DeskEvent) => {
    // Several resyncs in one frame are one refetch.
    if (e.type === 'desk.resync' && pending.some((p) => p.type === 'desk.resync')) return;
    if (pending.push(e) === 1) frame(flush);
  };
  const add = (entry: Entry) => {
    entries.add(entry);
    release ??= source.onDeskEvent(gather);
    return () => {
      if (!entries.delete(entry) || entries.size > 0) return;
      release?.();
      release = null;
      pending = [];
    };
  };
  return {
    subscribe: (listener) => add({ listener, batch: false }),
    subscribeBatch: (listener) => add({ listener, batch: true }),
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
