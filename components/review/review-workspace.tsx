"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import ReviewEditor, { type ReviewEditorHandle, type TextSelection } from "@/components/editor/review-editor";
import type { Highlight } from "@/components/editor/claim-highlights";
import type { TArticleDoc } from "@/lib/articles/document";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import type { TClaimFieldsInput } from "@/lib/validation/claims";
import { createClaimRequest, deleteClaimRequest, updateClaimRequest } from "./api";
import ClaimForm, { draftFromClaim, emptySource, type ClaimDraft } from "./claim-form";
import ClaimsSidebar, { type ClaimFilters, type ClaimsSidebarHandle } from "./claims-sidebar";
import AnnotationsPanel from "./annotations-panel";
import { isCovered } from "@/lib/intelligence/covered";
import type { FigureConflictDto, SuggestionDto, WorkspaceIntelligence } from "@/lib/intelligence/workspace-intelligence";
import { postJson } from "@/lib/http/post-json";
import FigureConflicts, { draftFromConflict } from "./figure-conflicts";
import SuggestedClaims from "./suggested-claims";
import CheckedBeforeRegion from "./checked-before";
import type { CheckedBefore } from "@/lib/intelligence/checked-before";
import AlsoHere from "@/components/live/also-here";
import { useLiveClaims } from "@/components/live/use-live-claims";

type Props = {
  slug: string;
  /** For matching live events to this article (issue 15). */
  articleId: string;
  articleVersionId: string;
  plainText: string;
  doc: TArticleDoc;
  initialClaims: ClaimDto[];
  currentUserId: string;
  /** Editors may re-attach a Needs re-check claim to newly selected words (issue 20, item 5). */
  canReattach?: boolean;
  intelligence: WorkspaceIntelligence;
};

// `key` changes only when a fresh draft should replace what is in the form (opening it, or taking
// the other person's version after a conflict), never when a save is refused.
type FormState =
  | { mode: "create"; key: number; start: number; end: number; initial: ClaimDraft; basedOnClaimId?: string }
  | { mode: "edit"; key: number; claim: ClaimDto; initial: ClaimDraft };

let formKeys = 0;

/** Trims whitespace from both ends of a selection, so a claim covers exactly its words. */
function trimSelection(text: string, s: TextSelection): TextSelection | null {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

const inDocumentOrder = (a: ClaimDto, b: ClaimDto) => {
  const pa = a.placement.status === "placed" ? a.placement : { start: Infinity, end: Infinity };
  const pb = b.placement.status === "placed" ? b.placement : { start: Infinity, end: Infinity };
  return pa.start - pb.start || pb.end - pa.end || a.createdAt.localeCompare(b.createdAt);
};

export default function ReviewWorkspace({ slug, articleId, articleVersionId, plainText, doc, initialClaims, currentUserId, canReattach = false, intelligence }: Props) {
  const [suggestions, setSuggestions] = useState<SuggestionDto[]>(intelligence.suggestions);
  const [claims, setClaims] = useState<ClaimDto[]>(initialClaims);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [filters, setFilters] = useState<ClaimFilters>({ verdict: "", authorId: "", mine: false });
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [serverFieldErrors, setServerFieldErrors] = useState<Record<string, string[]>>({});
  const [conflict, setConflict] = useState<{ message: string; current: ClaimDto } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editorRef = useRef<ReviewEditorHandle>(null);
  const sidebarRef = useRef<ClaimsSidebarHandle>(null);
  const live = useLiveClaims({ slug, articleId, articleVersionId, setClaims });
  // A colleague saved the claim open in the form (issue 15): the merged list has a newer version.
  const theirs = form?.mode === "edit" ? claims.find((c) => c.id === form.claim.id) : undefined;
  const liveChange = form?.mode === "edit" && !conflict && theirs && theirs.version > form.claim.version && theirs.updatedBy.id !== currentUserId ? theirs : null;
  const liveDeleted = form?.mode === "edit" && !theirs;

  const visible = useMemo(
    () =>
      claims
        .filter((c) => (!filters.verdict || c.verdict === filters.verdict) && (!filters.authorId || c.author.id === filters.authorId) && (!filters.mine || c.author.id === currentUserId))
        .sort(inDocumentOrder),
    [claims, filters, currentUserId],
  );
  const placed = useMemo(() => visible.filter((c) => c.placement.status === "placed"), [visible]);
  const authors = useMemo(() => [...new Map(claims.map((c) => [c.author.id, c.author])).values()].sort((a, b) => a.name.localeCompare(b.name)), [claims]);

  const highlights: Highlight[] = useMemo(
    () =>
      placed.map((c) => {
        const p = c.placement as { start: number; end: number };
        return { id: c.id, start: p.start, end: p.end, verdict: c.verdict, focused: c.id === focusedId, flash: c.id === flashId };
      }),
    [placed, focusedId, flashId],
  );

  const placedSpans = useMemo(() => claims.flatMap((c) => (c.placement.status === "placed" ? [{ start: c.placement.start, end: c.placement.end }] : [])), [claims]);
  const shownSuggestions = useMemo(() => suggestions.map((s) => ({ ...s, covered: isCovered(s, placedSpans) })), [suggestions, placedSpans]);

  const selectWords = useCallback((start: number, end: number, message: string) => {
    editorRef.current?.selectRange(start, end);
    setSelection({ start, end });
    setNotice(message);
  }, []);

  async function dismissSuggestion(s: SuggestionDto) {
    const result = await postJson(`/api/articles/${encodeURIComponent(slug)}/suggestions/dismissals`, { articleVersionId, suggestionKey: s.key });
    if (!result.ok) return setNotice(result.message);
    setSuggestions((all) => all.filter((x) => x.key !== s.key));
    setNotice("Suggestion dismissed for this version.");
  }

  function checkConflict(c: FigureConflictDto) {
    resetFormErrors();
    setNotice(null);
    setForm({ mode: "create", key: ++formKeys, start: c.first.start, end: c.first.end, initial: draftFromConflict(c, slug, window.location.origin) });
  }

  const selectedText = useMemo(() => {
    const trimmed = selection ? trimSelection(plainText, selection) : null;
    return trimmed ? plainText.slice(trimmed.start, trimmed.end) : null;
  }, [selection, plainText]);

  function reuseCheck(check: CheckedBefore) {
    const trimmed = selection ? trimSelection(plainText, selection) : null;
    if (!trimmed) return setNotice("Select the words of the claim in the article first.");
    resetFormErrors();
    setNotice(null);
    setForm({
      mode: "create",
      key: ++formKeys,
      ...trimmed,
      basedOnClaimId: check.claimId,
      initial: {
        verdict: check.verdict,
        explanation: check.explanation,
        tags: "",
        sources: check.sources.map((s) => ({ ...emptySource(), url: s.url, title: s.title, publisher: s.publisher ?? "", publishedAt: s.publishedAt ?? "", accessedAt: s.accessedAt ?? "", excerpt: s.excerpt ?? "", stance: s.stance })),
      },
    });
  }

  const resetFormErrors = () => {
    setServerError(null);
    setServerFieldErrors({});
    setConflict(null);
  };

  const focusClaim = useCallback((id: string, opts: { scroll?: boolean; focusCard?: boolean } = {}) => {
    setFocusedId(id);
    if (opts.scroll !== false) {
      editorRef.current?.scrollToClaim(id);
      setFlashId(id);
      window.setTimeout(() => setFlashId((f) => (f === id ? null : f)), 1200);
    }
    // The card may be virtualised away (issue 17): the sidebar scrolls its list to it first.
    if (opts.focusCard !== false) requestAnimationFrame(() => sidebarRef.current?.reveal(id));
  }, []);

  const openCreate = useCallback(() => {
    const raw = editorRef.current?.selection() ?? selection;
    const trimmed = raw ? trimSelection(plainText, raw) : null;
    if (!trimmed) {
      setNotice("Select the words of the claim in the article first.");
      return;
    }
    setNotice(null);
    resetFormErrors();
    setForm({ mode: "create", key: ++formKeys, ...trimmed, initial: draftFromClaim(null) });
  }, [plainText, selection]);

  // The same request as the edit page's report, so the claim's history gets the same REATTACHED entry.
  const reattach = useCallback(
    async (id: string) => {
      const claim = claims.find((c) => c.id === id);
      const raw = editorRef.current?.selection() ?? selection;
      const trimmed = raw ? trimSelection(plainText, raw) : null;
      if (!claim || !trimmed) {
        setNotice("Select the claim's new words in the article first, then press Re-attach to selected words.");
        return;
      }
      const res = await postJson(`/api/articles/${encodeURIComponent(slug)}/versions/stale-claims/${encodeURIComponent(id)}`, {
        action: "reattach",
        version: claim.version,
        articleVersionId,
        start: trimmed.start,
        end: trimmed.end,
      });
      if (!res.ok) {
        setNotice(res.message);
        return;
      }
      const fresh = (await fetch(`/api/articles/${encodeURIComponent(slug)}/claims`)
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)) as { claims: ClaimDto[] } | null;
      if (fresh) setClaims(fresh.claims);
      setNotice(fresh ? "Re-attached to the selected words." : "Re-attached to the selected words. Reload the page to see it in place.");
      if (fresh) focusClaim(id, { focusCard: false });
    },
    [claims, selection, plainText, slug, articleVersionId, focusClaim],
  );

  const openEdit = useCallback(
    (id: string) => {
      const claim = claims.find((c) => c.id === id);
      if (!claim?.canEdit) return;
      resetFormErrors();
      setForm({ mode: "edit", key: ++formKeys, claim, initial: draftFromClaim(claim) });
    },
    [claims],
  );

  const closeForm = useCallback(() => {
    const returnTo = form?.mode === "edit" ? form.claim.id : null;
    setForm(null);
    resetFormErrors();
    if (returnTo) focusClaim(returnTo, { scroll: false });
    else editorRef.current?.focus();
  }, [form, focusClaim]);

  const move = useCallback(
    (delta: 1 | -1) => {
      if (!placed.length) return;
      const i = placed.findIndex((c) => c.id === focusedId);
      const next = i < 0 ? (delta === 1 ? 0 : placed.length - 1) : (i + delta + placed.length) % placed.length;
      focusClaim(placed[next].id);
    },
    [placed, focusedId, focusClaim],
  );

  const onKey = useCallback(
    (key: "a" | "j" | "k" | "Escape") => {
      if (key === "a") openCreate();
      else if (key === "j") move(1);
      else if (key === "k") move(-1);
      else if (form) closeForm();
      else setFocusedId(null);
    },
    [openCreate, move, form, closeForm],
  );

  // Issue 17: the end of hydration for bench:highlights, measured from the mark that
  // instrumentation-client.ts sets before React starts; the first effect runs after the hydrated
  // tree is committed and its event handlers are attached.
  useEffect(() => {
    performance.mark("factmark:workspace-interactive");
  }, []);

  // The same keys work anywhere on the page except while typing in a field.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (e.key === "a" || e.key === "j" || e.key === "k" || e.key === "Escape") {
        e.preventDefault();
        onKey(e.key);
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onKey]);

  /** A click in the text focuses the innermost claim there; clicking again cycles through overlapping ones. */
  const onClickOffset = useCallback(
    (offset: number) => {
      const here = placed
        .filter((c) => {
          const p = c.placement as { start: number; end: number };
          return p.start <= offset && offset < p.end;
        })
        .sort((a, b) => {
          const pa = a.placement as { start: number; end: number };
          const pb = b.placement as { start: number; end: number };
          return pa.end - pa.start - (pb.end - pb.start);
        });
      if (!here.length) return;
      const i = here.findIndex((c) => c.id === focusedId);
      const pick = i >= 0 && here.length > 1 ? here[(i + 1) % here.length] : here[0];
      focusClaim(pick.id, { scroll: false, focusCard: false });
      sidebarRef.current?.reveal(pick.id, { focusCard: false });
    },
    [placed, focusedId, focusClaim],
  );

  async function save(fields: TClaimFieldsInput) {
    if (!form) return;
    setBusy(true);
    resetFormErrors();
    const result =
      form.mode === "create"
        ? await createClaimRequest(slug, { articleVersionId, start: form.start, end: form.end, fields, ...(form.basedOnClaimId ? { basedOnClaimId: form.basedOnClaimId } : {}) })
        : await updateClaimRequest(form.claim.id, { version: conflict?.current.version ?? form.claim.version, fields });
    setBusy(false);
    if (!result.ok) {
      if (result.error.status === 409 && result.error.current && form.mode === "edit") {
        const current = result.error.current;
        setConflict({ message: result.error.message, current });
        // Remember the version the user has now seen, so "save again" is a deliberate overwrite.
        setForm({ ...form, claim: current });
        setClaims((cs) => cs.map((c) => (c.id === current.id ? current : c)));
      } else {
        setServerError(result.error.message);
        setServerFieldErrors(result.error.fieldErrors ?? {});
      }
      return;
    }
    const saved = result.value;
    setClaims((cs) => [...cs.filter((c) => c.id !== saved.id), saved]);
    setForm(null);
    setNotice(form.mode === "create" ? "Claim saved." : "Changes saved.");
    requestAnimationFrame(() => focusClaim(saved.id));
  }

  async function remove() {
    if (form?.mode !== "edit") return;
    if (!window.confirm("Delete this claim? It disappears from the workspace; its history is kept.")) return;
    setBusy(true);
    const result = await deleteClaimRequest(form.claim.id, form.claim.version);
    setBusy(false);
    if (!result.ok) {
      if (result.error.current) setConflict({ message: result.error.message, current: result.error.current });
      else setServerError(result.error.message);
      return;
    }
    const id = form.claim.id;
    setClaims((cs) => cs.filter((c) => c.id !== id));
    setForm(null);
    setFocusedId(null);
    setNotice("Claim deleted.");
    editorRef.current?.focus();
  }

  return (
    <div className="workspace">
      <div className="workspace-text">
        <div className="toolbar">
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={openCreate} disabled={!!form} aria-keyshortcuts="a">
            Add claim
          </button>
          <span className="muted">Select words, then press <kbd>a</kbd>. <kbd>j</kbd>/<kbd>k</kbd> move between claims, <kbd>Esc</kbd> closes.</span>
        </div>
        <AnnotationsPanel slug={slug} />
        <AlsoHere users={live.presence} currentUserId={currentUserId} />
        {live.newVersionBy && <p className="live-change" role="status" data-testid="new-version">{live.newVersionBy} saved a new version of the article. Reload the page to review the new text.</p>}
        <p className="notice" role="status" data-testid="notice">{notice}</p>
        <ReviewEditor ref={editorRef} doc={doc} highlights={highlights} onSelectionChange={setSelection} onClickOffset={onClickOffset} onKey={onKey} />
      </div>
      <div className="workspace-side">
        {form ? (
          <ClaimForm
            key={form.key}
            mode={form.mode}
            quote={form.mode === "create" ? plainText.slice(form.start, form.end) : form.claim.quote}
            initial={form.initial}
            conflict={conflict}
            liveChange={liveChange}
            liveDeleted={liveDeleted}
            serverError={serverError}
            serverFieldErrors={serverFieldErrors}
            busy={busy}
            canDelete={form.mode === "edit" && form.claim.canEdit}
            onSave={save}
            onDelete={remove}
            onCancel={closeForm}
            onUseCurrent={() => {
              const current = conflict?.current ?? liveChange;
              if (form.mode !== "edit" || !current) return;
              setForm({ mode: "edit", key: ++formKeys, claim: current, initial: draftFromClaim(current) });
              setConflict(null);
            }}
          />
        ) : (
          <>
          <SuggestedClaims suggestions={shownSuggestions} onSelect={(s) => selectWords(s.start, s.end, "Suggestion selected. Press Add claim (or a) to check it.")} onDismiss={dismissSuggestion} />
          <CheckedBeforeRegion slug={slug} text={selectedText} canReuse onReuse={reuseCheck} />
          <FigureConflicts conflicts={intelligence.conflicts} onShow={(f) => selectWords(f.start, f.end, `Showing “${f.text}”.`)} onCheck={checkConflict} />
          <ClaimsSidebar
            ref={sidebarRef}
            claims={visible}
            totalCount={claims.length}
            authors={authors}
            filters={filters}
            focusedId={focusedId}
            onFilters={setFilters}
            onFocus={(id) => focusClaim(id, { focusCard: false })}
            onEdit={openEdit}
            onReattach={canReattach ? reattach : undefined}
          />
          </>
        )}
      </div>
    </div>
  );
}
