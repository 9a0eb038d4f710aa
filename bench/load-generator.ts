// Open-loop load on one URL: `rate` POSTs a second for `seconds`, each with its own body, sent
// on schedule whether or not earlier ones have answered (so a slow server cannot slow the load).
// Prints one JSON line: latencies, statuses and the ids accepted. Run by bench/local-load.ts in
// its own process, so the generator does not share an event loop with the gateway it measures.
import { performance } from 'node:perf_hooks';

const [apiUrl, rateText, secondsText, warmupText] = process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
// The first seconds scale the function pools out (cold starts) and warm the JIT; their latencies
// are left out of the figures, as Lambda's steady state would be, but their submissions count.
const warmup = rate * Number(warmupText ?? 0);
const total = warmup + rate * seconds;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const acceptedIds: string[] = [];
const pending: Promise<void>[] = [];
const startedAt = performance.now();

const send = async (index: number): Promise<void> => {
  const sentAt = performance.now();
  try {
    const response = await fetch(`${apiUrl}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'site', rating: 1 + (index % 5), comment: `load ${index}` }),
    });
    const body = (await response.json()) as { feedbackId?: string };
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status === 202 && body.feedbackId) acceptedIds.push(body.feedbackId);
  } catch (error) {
    statuses[`error ${(error as Error).name}`] = (statuses[`error ${(error as Error).name}`] ?? 0) + 1;
  }
  if (index >= warmup) latencies.push(performance.now() - sentAt);
};

for (let index = 0; index < total; index++) {
  const due = startedAt + (index * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(send(index));
}
const sendingMs = performance.now() - startedAt;
await Promise.all(pending);
console.log(JSON.stringify({ total, warmup, sendingMs, latencies, statuses, acceptedIds }));
