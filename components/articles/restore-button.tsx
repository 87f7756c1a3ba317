"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/lib/http/post-json";
import type { ReanchorReport } from "@/lib/articles/save-version";

/** Restores an old version as a new one (issue 7: nothing is overwritten). */
export default function RestoreButton({ slug, number, baseVersionId }: { slug: string; number: number; baseVersionId: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const restore = async () => {
    setState({ busy: true, message: null });
    const res = await postJson<{ version: { number: number }; report: ReanchorReport }>(`/api/articles/${slug}/versions/${number}/restore`, { baseVersionId });
    if (!res.ok) return setState({ busy: false, message: res.message });
    const r = res.data.report;
    setState({ busy: false, message: `Restored as version ${res.data.version.number}: ${r.moved} moved, ${r.changed} changed, ${r.needsRecheck} needs re-check.` });
    router.refresh();
  };
  return (
    <span>
      <button type="button" className="link-button" onClick={restore} disabled={state.busy}>{state.busy ? "Restoring…" : `Restore version ${number}`}</button>
      <span role="status" className="notice"> {state.message}</span>
    </span>
  );
}
