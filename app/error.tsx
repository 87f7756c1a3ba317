"use client";

// In production a server error reaches this boundary without its message, so the page cannot tell
// a bug from a database outage. The words cover both and, above all, do not suggest the visitor was
// signed out (issue 12, Reliability): during an outage their session is still good.
export default function ErrorPage({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="page narrow">
      <h1>This page is temporarily unavailable</h1>
      <p>
        We could not load it just now, for example because the database is restarting. Nothing you saved was lost, and if you were signed in, you still are. Please
        try again in a few seconds.
      </p>
      <button type="button" onClick={retry}>Try again</button>
    </main>
  );
}
