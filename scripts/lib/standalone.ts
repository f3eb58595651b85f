/**
 * The production server as an image runs it: Next's standalone output (`output: "standalone"`
 * in next.config.js), started with `node .next/standalone/server.js`. `next build` writes the
 * server and the node_modules it needs there, but not the static files a browser loads
 * (.next/static) nor public/: they are copied next to it here, as Next's documentation asks
 * (a CDN could serve them instead). `npm run build` does it after `next build`; the launchers
 * do it again before they start the server, so that a build made with `npx next build` works too.
 */
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export function standaloneDir(root: string): string {
  return path.join(root, ".next", "standalone");
}

/** The server to run: `node <this>`. Its working directory is set by the file itself. */
export function standaloneServer(root: string): string {
  return path.join(standaloneDir(root), "server.js");
}

/** Whether the last build was a standalone one (a build from before the switch is not). */
export function standaloneIsBuilt(root: string): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(standaloneServer(root));
}

/** Copies .next/static and public/ into the standalone folder, replacing an earlier copy. */
export function prepareStandalone(root: string): void {
  const target = standaloneDir(root);
  if (!standaloneIsBuilt(root)) {
    throw new Error(`No standalone build in ${target}: run npm run build.`);
  }
  const buildId = readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8");
  const copiedId = path.join(target, ".next", "STATIC_BUILD_ID");
  if (existsSync(copiedId) && readFileSync(copiedId, "utf8") === buildId) return;
  for (const [from, to] of [
    [path.join(root, ".next", "static"), path.join(target, ".next", "static")],
    [path.join(root, "public"), path.join(target, "public")],
  ] as const) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  cpSync(path.join(root, ".next", "BUILD_ID"), copiedId);
}
