// Runs in the browser before the app's own modules. The pages' Content-Security-Policy forbids
// eval (lib/http/content-security-policy.ts); zod would otherwise probe `new Function` when its
// first object schema is built, and the browser reports that probe as a CSP violation even though
// zod catches it. Without the probe zod validates the same way, only without its compiled fast path.
import { z } from "zod";

z.config({ jitless: true });

// Issue 17: the start of hydration, for bench:highlights (the workspace marks when it is
// interactive). This file runs after the document has loaded and before React hydrates.
performance.mark("factmark:hydration-start");
