/** Polls `check` until it holds; past `timeoutMs` it throws with `what` (what never happened). */
export async function waitFor(
  check: () => Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 250, what = "timed out waiting" } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
