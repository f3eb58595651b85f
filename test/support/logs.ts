import { createLogger } from "@/lib/log";

// What the app logs while a test runs, every level, as the JSON lines the log pipeline would
// receive (lib/log.ts); the logger of the process is put back by `restore`.

const process_ = globalThis as unknown as { preflightLogger?: unknown };

export function captureLogs() {
  const lines: string[] = [];
  const previous = process_.preflightLogger;
  process_.preflightLogger = createLogger({ write: (line: string) => void lines.push(line) }, "debug");
  return {
    lines,
    /** The lines parsed. */
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      process_.preflightLogger = previous;
    },
  };
}
