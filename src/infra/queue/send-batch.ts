import DataLoader from 'dataloader';

/**
 * A batch job's delivery: sends each item at once and marks each sent as soon as its send is done
 * (the marks of sends that finish together go as one statement), then fails the job when any send
 * or mark failed, so that BullMQ tries it again; the retry skips what was marked sent. A crash
 * between a send and its mark sends that item again (delivery is at least once): a mail carries a
 * stable Message-ID and a notice its id, by which the receiving side can tell.
 */
export async function sendBatch<T extends { id: string }>(
  items: readonly T[],
  send: (item: T) => Promise<unknown>,
  markSent: (ids: string[]) => Promise<void>,
): Promise<{ sent: number }> {
  const marks = new DataLoader<string, true>(
    async (ids) => {
      await markSent([...ids]);
      return ids.map(() => true as const);
    },
    { cache: false },
  );
  const results = await Promise.allSettled(
    items.map(async (item) => {
      await send(item);
      await marks.load(item.id);
    }),
  );
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length) {
    throw new Error(`${failures.length} of ${items.length} not sent; first: ${String((failures[0].reason as Error)?.message ?? failures[0].reason)}`);
  }
  return { sent: items.length };
}
