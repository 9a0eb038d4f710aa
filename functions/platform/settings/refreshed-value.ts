/**
 * `read`'s answer, read again once it is `maxAgeMs` old: callers in between share one read (and
 * its promise while it is in flight); a failed read is not kept, so the next call tries again.
 * Written by hand: Powertools' Parameters utility caches the same way, but its DynamoDB provider
 * reads one `value` attribute per item, and the table's items are plain attributes.
 *
 * @example
 * ```ts
 * const currentDirectory = refreshedEvery(60_000, () => store.read());
 * const directory = await currentDirectory(); // one GetItem a minute per container at most
 * ```
 */
export const refreshedEvery = <Value>(maxAgeMs: number, read: () => Promise<Value>, clock: () => number = Date.now): (() => Promise<Value>) => {
  let cached: { readonly at: number; readonly value: Promise<Value> } | undefined;
  return () => {
    const now = clock();
    if (cached === undefined || now - cached.at >= maxAgeMs) {
      const value = read();
      const entry = { at: now, value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
};
