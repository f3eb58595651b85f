import { spawnSync } from "node:child_process";

/**
 * Server modules import "server-only", which resolves only under the react-server condition (as
 * inside Next): a script that uses them runs itself again with it rather than weaken the guard.
 * Returns in the re-run; otherwise exits with the re-run's code (or `failureCode`).
 */
export function ensureServerCondition(failureCode = 1): void {
  if (process.execArgv.includes("--conditions=react-server")) return;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  process.exit(child.status ?? failureCode);
}
