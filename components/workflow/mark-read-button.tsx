"use client";

import { useRouter } from "next/navigation";
import { postJson } from "@/lib/http/post-json";

export default function MarkReadButton() {
  const router = useRouter();
  return (
    <button type="button" onClick={async () => { await postJson("/api/notifications/read", {}); router.refresh(); }}>
      Mark all as read
    </button>
  );
}
