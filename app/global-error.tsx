"use client";

import "./globals.css";

// Replaces the root layout when the layout itself fails, e.g. when the header cannot look up the
// signed-in user because the database is down. Same message as app/error.tsx: temporary, not a
// sign-out.
export default function GlobalError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="page narrow">
          <h1>Factmark is temporarily unavailable</h1>
          <p>
            We could not load this page just now, for example because the database is restarting. Nothing you saved was lost, and if you were signed in, you still are.
            Please try again in a few seconds.
          </p>
          <button type="button" onClick={retry}>Try again</button>
        </main>
      </body>
    </html>
  );
}
