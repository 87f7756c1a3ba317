"use client";
// Merges live events into the review workspace's claims (issue 15). It only ever replaces the
// claims list's entries: selection, focus and the open form live elsewhere in the workspace and are
// untouched, so a colleague's edit never wipes what the user is typing.
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import type { PresenceEventData } from "@/lib/live/events";
import { useLiveArticle, useLiveEvents } from "./live-client";

/** The fresh list wins for every claim it has at a newer (or equal) version; a claim it lacks is gone. */
export function mergeClaims(local: ClaimDto[], fresh: ClaimDto[]): ClaimDto[] {
  const mine = new Map(local.map((c) => [c.id, c]));
  return fresh.map((f) => {
    const l = mine.get(f.id);
    return l && l.version > f.version ? l : f;
  });
}

type Options = { slug: string; articleId: string; articleVersionId: string; setClaims: Dispatch<SetStateAction<ClaimDto[]>> };

export function useLiveClaims({ slug, articleId, articleVersionId, setClaims }: Options) {
  const [presence, setPresence] = useState<PresenceEventData["users"]>([]);
  /** Set when someone saved a new version of the article: the text on screen is out of date. */
  const [newVersionBy, setNewVersionBy] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  useLiveArticle(slug);

  const refetch = useCallback(async () => {
    const res = await fetch(`/api/articles/${encodeURIComponent(slug)}/claims`).catch(() => null);
    if (!res?.ok) return;
    const fresh = (await res.json()) as { articleVersionId: string; claims: ClaimDto[] };
    // Claims placed on a newer text would land on the wrong words here; the notice asks for a reload.
    if (fresh.articleVersionId !== articleVersionId) return;
    setClaims((local) => mergeClaims(local, fresh.claims));
  }, [slug, articleVersionId, setClaims]);

  useLiveEvents((e) => {
    if (e.type === "presence" && e.articleId === articleId) setPresence(e.data.users);
    if (e.type === "version" && e.articleId === articleId) setNewVersionBy(e.data.actor.name);
    if (e.type === "resync" || (e.type === "claim" && e.articleId === articleId)) {
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        void refetch();
      }, 50);
    }
  });

  return { presence, newVersionBy };
}
