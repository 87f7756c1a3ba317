/** The longest the event loop went without running a 5 ms timer while `work` was pending, in ms. */
export async function longestStall(work: Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let done = false;
  void work.finally(() => (done = true)).catch(() => {});
  while (!done) {
    await new Promise((r) => setTimeout(r, 5));
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }
  return longest;
}
