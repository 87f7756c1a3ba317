"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page narrow">
      <h1>Something went wrong</h1>
      <p>We could not show this page. Nothing you saved was lost.</p>
      <button type="button" onClick={reset}>Try again</button>
    </main>
  );
}
