"use client";
// The browser's side of the live stream (issue 15): ONE EventSource per tab, shared by every
// component that listens (header counts, workspace, queue, claim page). When the stream fails it
// closes and retries with exponential backoff (1 s … 30 s), resuming from the last event id; while
// it is down the page works as before, and the header says "Live updates paused, retrying".
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { LiveEvent } from "@/lib/live/events";

export type LiveStatus = "connecting" | "live" | "paused";
/** A synthetic event: the server could not replay what was missed, so listeners re-read their data. */
export type LiveMessage = LiveEvent | { type: "resync" };

const listeners = new Set<(e: LiveMessage) => void>();
const statusListeners = new Set<(s: LiveStatus) => void>();
let source: EventSource | null = null;
let status: LiveStatus = "connecting";
let article: string | null = null;
let lastEventId: string | null = null;
let backoffMs = 1000;
let retryTimer: number | null = null;
let openTimer: number | null = null;
const seen = new Set<string>();

function setStatus(s: LiveStatus) {
  if (s === status) return;
  status = s;
  for (const fn of statusListeners) fn(s);
}

function emit(message: LiveMessage) {
  for (const fn of [...listeners]) fn(message);
}

function open() {
  openTimer = null;
  if (source || !listeners.size) return;
  const params = new URLSearchParams();
  if (article) params.set("article", article);
  if (lastEventId) params.set("lastEventId", lastEventId);
  const es = new EventSource(`/api/events${params.size ? `?${params}` : ""}`);
  source = es;
  es.addEventListener("ready", () => {
    backoffMs = 1000;
    setStatus("live");
  });
  es.addEventListener("reload", () => emit({ type: "resync" }));
  es.onmessage = (m) => {
    if (m.lastEventId) lastEventId = m.lastEventId;
    let event: LiveEvent;
    try {
      event = JSON.parse(m.data) as LiveEvent;
    } catch {
      return;
    }
    // A replay can overlap what arrived live just before a reconnect.
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > 5000) seen.delete(seen.values().next().value as string);
    emit(event);
  };
  es.onerror = () => {
    // Take over from the browser's own retry: ours backs off, and resumes from lastEventId.
    es.close();
    if (source === es) source = null;
    setStatus("paused");
    scheduleRetry();
  };
}

function scheduleRetry() {
  if (retryTimer !== null || !listeners.size) return;
  const wait = backoffMs * (0.8 + Math.random() * 0.4);
  backoffMs = Math.min(backoffMs * 2, 30_000);
  retryTimer = window.setTimeout(() => {
    retryTimer = null;
    open();
  }, wait);
}

/** Opens on the next tick, so every component mounting in this render subscribes to one stream. */
function openSoon() {
  if (openTimer === null && !source && retryTimer === null) openTimer = window.setTimeout(open, 0);
}

function reopen() {
  source?.close();
  source = null;
  if (retryTimer !== null) window.clearTimeout(retryTimer);
  retryTimer = null;
  openSoon();
}

function closeIfUnused() {
  if (listeners.size) return;
  source?.close();
  source = null;
  if (retryTimer !== null) window.clearTimeout(retryTimer);
  retryTimer = null;
}

export function subscribeLive(fn: (e: LiveMessage) => void): () => void {
  listeners.add(fn);
  openSoon();
  return () => {
    listeners.delete(fn);
    window.setTimeout(closeIfUnused, 0);
  };
}

/** Calls fn for every live message while the component is mounted (fn may change between renders). */
export function useLiveEvents(fn: (e: LiveMessage) => void): void {
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  useEffect(() => subscribeLive((e) => ref.current(e)), []);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (onChange) => {
      statusListeners.add(onChange);
      return () => statusListeners.delete(onChange);
    },
    () => status,
    () => "connecting",
  );
}

/** The review workspace joins an article's presence ("Also here") for as long as it is open. */
export function useLiveArticle(slug: string): void {
  useEffect(() => {
    article = slug;
    reopen();
    return () => {
      if (article === slug) article = null;
      reopen();
    };
  }, [slug]);
}
