/**
 * A batch job's delivery: sends each item at once, marks those sent in one statement, and fails the
 * job when any failed, so that BullMQ tries it again; the retry skips what was marked sent. A crash
 * between a send and the mark sends that item twice at worst (delivery is at least once).
 */
export async function sendBatch<T extends { id: string }>(
  items: readonly T[],
  send: (item: T) => Promise<unknown>,
  markSent: (ids: string[]) => Promise<void>,
): Promise<{ sent: number }> {
  const results = await Promise.allSettled(items.map((item) => send(item)));
  const sent = items.filter((_, i) => results[i].status === 'fulfilled').map((item) => item.id);
  await markSent(sent);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length)
    throw new Error(`${failures.length} of ${items.length} not sent; first: ${String((failures[0].reason as Error)?.message ?? failures[0].reason)}`);
  return { sent: sent.length };
}
