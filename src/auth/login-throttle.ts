/** Per-IP limit on the public auth routes; the value is set from config at boot (AUTH_LOGIN_RATE_PER_MINUTE). */
let perMinute = 20;

export function setLoginRate(limit: number): void {
  perMinute = limit;
}

export function loginThrottle() {
  return { default: { limit: () => perMinute, ttl: 60_000 } };
}
