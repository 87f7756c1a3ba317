// Types of reader-cache.mjs (plain JavaScript, so that lib/cli/serve.mjs can run it as it is).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export type RenderedPage = { status: number; headers: IncomingHttpHeaders; body: Buffer };

export type ReaderCacheOptions = {
  /** "<article id>.<readerRevision>" of the article at `slug`, or null when there is none. */
  revisionOf: (slug: string) => Promise<string | null> | string | null;
  /** The page as Next renders it for a reader with no session. */
  render: (slug: string) => Promise<RenderedPage>;
  buildId: string;
  maxEntries?: number;
  brotliQuality?: number;
};

export type ReaderCacheStats = { hits: number; notModified: number; renders: number; bypassed: number };

export type ReaderCache = {
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  stats: ReaderCacheStats;
  entries: Map<string, { revisionKey: string; headers: Record<string, string>; identity: Buffer }>;
};

export type ReaderListenerOptions = Omit<ReaderCacheOptions, "render" | "maxEntries"> & {
  next: (req: IncomingMessage, res: ServerResponse) => void;
  host: string;
  port: number | (() => number);
  key: string;
};

export const PUBLIC_CACHE_CONTROL: string;
export const RENDER_HEADER: string;
export function hasSessionCookie(cookieHeader: string | undefined): boolean;
export function anonymousReaderSlug(req: Pick<IncomingMessage, "method" | "url" | "headers">): string | null;
export function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | "identity";
export function entityTag(revisionKey: string, buildId: string, encoding: "br" | "gzip" | "identity"): string;
export function matchesIfNoneMatch(header: string | undefined, revisionKey: string, buildId: string): boolean;
export function hashScripts(html: string, policy: string): { html: string; policy: string; scripts: number };
export function freshAfterCall<T>(query: (key: string) => Promise<T> | T): (key: string) => Promise<T>;
export function createReaderCache(options: ReaderCacheOptions): ReaderCache;
export type BrotliJson = {
  wants: (req: Pick<IncomingMessage, "method" | "url" | "headers">) => boolean;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  stats: { compressed: number; reused: number; notModified: number };
  kept: Map<string, { tag: string; headers: Record<string, string>; br: Promise<Buffer> }>;
};
export function createBrotliJson(options: { fetchInternal: (path: string, headers: Record<string, string>) => Promise<RenderedPage>; brotliQuality?: number; maxEntries?: number }): BrotliJson;
export function readerCacheListener(options: ReaderListenerOptions): ((req: IncomingMessage, res: ServerResponse) => void) & { cache: ReaderCache; feed: BrotliJson };
