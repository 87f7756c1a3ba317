/**
 * The longest the event loop went without running a 5 ms timer while `work` was pending, in ms. Given a
 * function, it is started in a later task, once measuring has begun, so that work it does synchronously
 * (before its first await) counts as a stall too.
 */
export async function longestStall(work: Promise<unknown> | (() => Promise<unknown>)): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let done = false;
  const pending = typeof work === "function" ? new Promise((r) => setTimeout(r, 0)).then(work) : work;
  void pending.finally(() => (done = true)).catch(() => {});
  while (!done) {
    await new Promise((r) => setTimeout(r, 5));
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }
  return longest;
}
