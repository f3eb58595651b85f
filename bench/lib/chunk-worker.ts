import { parentPort, workerData } from "node:worker_threads";
import { type ChunkSetup, companyOf, renderChunk, transferList } from "./chunks";

// A worker thread of bench:seed (bench/lib/chunks.ts): rebuilds the company from the seed, then
// renders the chunks it is sent and moves each one's buffers back to the main thread.

const setup = workerData as ChunkSetup;
const company = companyOf(setup);

parentPort!.on("message", ({ index, start, end }: { index: number; start: number; end: number }) => {
  const chunk = renderChunk(company, setup.seed, index, start, end);
  parentPort!.postMessage(chunk, transferList(chunk));
});
