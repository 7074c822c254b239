import { ActorCacheStore } from './actor-cache.store';

interface Rec {
  id: string;
  role: string;
}

const U1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const U2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const S1 = 'bbbbbbbb-0000-4000-8000-000000000001';
const S2 = 'bbbbbbbb-0000-4000-8000-000000000002';
const rec = (id: string, role = 'STAFF'): Rec => ({ id, role });

/** A store on a hand-driven clock, enabled unless told otherwise. */
function storeAt(opts: { ttl?: number; max?: number; enabled?: boolean } = {}) {
  const clock = { t: 1_000 };
  const store = new ActorCacheStore<Rec>(opts.ttl ?? 60_000, opts.max ?? 100, () => clock.t);
  if (opts.enabled ?? true) store.enable();
  return { store, clock };
}

describe('ActorCacheStore', () => {
  describe('the epoch rule: a load stores only if nothing was invalidated since it began', () => {
    it.each<[string, (s: ActorCacheStore<Rec>) => void, boolean]>([
      ['nothing happened', () => undefined, true],
      ['another user was invalidated', (s) => s.invalidateUser(U2), false],
      ['the same user was invalidated', (s) => s.invalidateUser(U1), false],
      ['everything was invalidated', (s) => s.invalidateAll(), false],
      ['the cache was disabled', (s) => s.disable(), false],
      ['the cache was disabled and enabled again', (s) => (s.disable(), s.enable()), false],
      ['an unrelated entry was stored', (s) => s.set(U2, S2, rec(U2), s.epoch), true],
      ['an entry was read', (s) => s.get(U1, S2), true],
    ])('when %s in between: stored = %s', (_, meanwhile, stored) => {
      const { store } = storeAt();
      const epoch = store.epoch; // read before the database query
      meanwhile(store);
      expect(store.set(U1, S1, rec(U1), epoch)).toBe(stored);
      expect(store.get(U1, S1)).toEqual(stored ? rec(U1) : undefined);
    });

    it('lets a load that starts after the invalidation store', () => {
      const { store } = storeAt();
      store.invalidateUser(U1);
      expect(store.set(U1, S1, rec(U1), store.epoch)).toBe(true);
    });
  });

  describe('while disabled', () => {
    it('stores nothing and serves nothing', () => {
      const { store } = storeAt({ enabled: false });
      expect(store.set(U1, S1, rec(U1), store.epoch)).toBe(false);
      expect(store.get(U1, S1)).toBeUndefined();
      expect(store.size).toBe(0);
    });

    it('forgets what it held, also after enabling again', () => {
      const { store } = storeAt();
      store.set(U1, S1, rec(U1), store.epoch);
      store.disable();
      expect(store.get(U1, S1)).toBeUndefined();
      store.enable();
      expect(store.get(U1, S1)).toBeUndefined();
      expect(store.size).toBe(0);
    });

    it.each([
      ['TTL 0', { ttl: 0 }],
      ['max 0', { max: 0 }],
    ])('stores nothing with %s', (_, opts) => {
      const { store } = storeAt(opts);
      expect(store.set(U1, S1, rec(U1), store.epoch)).toBe(false);
      expect(store.size).toBe(0);
    });
  });

  describe('TTL', () => {
    it.each([
      [0, true],
      [59_999, true],
      [60_000, false],
      [120_000, false],
    ])('an entry read %d ms after it was stored is served: %s', (after, served) => {
      const { store, clock } = storeAt({ ttl: 60_000 });
      store.set(U1, S1, rec(U1), store.epoch);
      clock.t += after;
      expect(store.get(U1, S1)).toEqual(served ? rec(U1) : undefined);
      expect(store.size).toBe(served ? 1 : 0); // an expired entry is removed when met
    });

    it('restarts when an entry is stored again', () => {
      const { store, clock } = storeAt({ ttl: 1_000 });
      store.set(U1, S1, rec(U1), store.epoch);
      clock.t += 900;
      store.set(U1, S1, rec(U1, 'ADMIN'), store.epoch);
      clock.t += 900;
      expect(store.get(U1, S1)).toEqual(rec(U1, 'ADMIN'));
    });
  });

  describe('eviction', () => {
    it('keeps at most max entries, evicting the oldest stored first', () => {
      const { store } = storeAt({ max: 3 });
      const sessions = ['s1', 's2', 's3', 's4', 's5'];
      for (const s of sessions) store.set(U1, s, rec(U1), store.epoch);
      expect(store.size).toBe(3);
      expect(sessions.map((s) => store.get(U1, s) !== undefined)).toEqual([false, false, true, true, true]);
    });

    it('counts a re-stored entry as the newest', () => {
      const { store } = storeAt({ max: 2 });
      store.set(U1, S1, rec(U1), store.epoch);
      store.set(U2, S2, rec(U2), store.epoch);
      store.set(U1, S1, rec(U1), store.epoch); // U1 is now newer than U2
      store.set(U1, S2, rec(U1), store.epoch);
      expect(store.get(U2, S2)).toBeUndefined();
      expect(store.get(U1, S1)).toEqual(rec(U1));
      expect(store.get(U1, S2)).toEqual(rec(U1));
    });

    it('keeps the user index in step: an evicted entry is not resurrected nor counted', () => {
      const { store } = storeAt({ max: 1 });
      store.set(U1, S1, rec(U1), store.epoch);
      store.set(U2, S2, rec(U2), store.epoch); // evicts U1
      store.invalidateUser(U1);
      expect(store.get(U2, S2)).toEqual(rec(U2));
      store.invalidateUser(U2);
      expect(store.size).toBe(0);
    });
  });

  describe('invalidation', () => {
    it.each<[string, (s: ActorCacheStore<Rec>) => void, [boolean, boolean, boolean]]>([
      ['one user', (s) => s.invalidateUser(U1), [false, false, true]],
      ['one user, by an upper-case id', (s) => s.invalidateUser(U1.toUpperCase()), [false, false, true]],
      ['a user with nothing cached', (s) => s.invalidateUser('cccccccc-0000-4000-8000-000000000000'), [true, true, true]],
      ['everyone', (s) => s.invalidateAll(), [false, false, false]],
    ])('of %s drops exactly that', (_, invalidate, kept) => {
      const { store } = storeAt();
      store.set(U1, S1, rec(U1), store.epoch);
      store.set(U1, S2, rec(U1), store.epoch);
      store.set(U2, S1, rec(U2), store.epoch);
      invalidate(store);
      expect([store.get(U1, S1), store.get(U1, S2), store.get(U2, S1)].map((v) => v !== undefined)).toEqual(kept);
    });

    it('indexes entries by the record id, whatever case the token carried', () => {
      const { store } = storeAt();
      store.set(U1.toUpperCase(), S1, rec(U1), store.epoch);
      store.invalidateUser(U1);
      expect(store.get(U1.toUpperCase(), S1)).toBeUndefined();
    });
  });
});
