import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { publicBaseUrl } from "@/lib/publishing/site";
import type { TEmailKind } from "./kinds";

/** Email is on only with SMTP_URL (e.g. smtp://user:pass@host:587); without it nothing is queued or sent. */
export function smtpUrl(): string | null {
  const v = process.env.SMTP_URL?.trim();
  return v ? v : null;
}
export const emailEnabled = () => smtpUrl() !== null;

export function mailFrom(): string {
  return process.env.FACTMARK_MAIL_FROM?.trim() || `Factmark <factmark@${new URL(publicBaseUrl()).hostname}>`;
}

function unsubscribeKey(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? (process.env.NODE_ENV === "production" ? undefined : "factmark-development-only-session-secret");
  if (!secret) throw new Error("NEXTAUTH_SECRET is required to sign unsubscribe links.");
  return secret;
}

/** The one-click unsubscribe token for one user and one kind: an HMAC, so links need no table. */
export function unsubscribeToken(userId: string, kind: TEmailKind): string {
  return createHmac("sha256", unsubscribeKey()).update(`unsubscribe:${userId}:${kind}`).digest("base64url");
}

export function checkUnsubscribeToken(userId: string, kind: TEmailKind, token: string): boolean {
  const want = Buffer.from(unsubscribeToken(userId, kind));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function unsubscribeUrl(userId: string, kind: TEmailKind): string {
  const q = new URLSearchParams({ u: userId, k: kind, t: unsubscribeToken(userId, kind) });
  return `${publicBaseUrl()}/unsubscribe?${q}`;
}

/** The address mail clients POST to for RFC 8058 one-click unsubscribe. */
export function oneClickUrl(userId: string, kind: TEmailKind): string {
  const q = new URLSearchParams({ u: userId, k: kind, t: unsubscribeToken(userId, kind) });
  return `${publicBaseUrl()}/api/email/unsubscribe?${q}`;
}
