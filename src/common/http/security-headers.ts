import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * The security headers of every response (`app.useSecurityHeaders`, helmet's options), chosen for a
 * JSON API as the OWASP REST Security Cheat Sheet lists them: HSTS, `nosniff`, no framing
 * (`X-Frame-Options: DENY` and `Content-Security-Policy: default-src 'none'; frame-ancestors
 * 'none'`, which also keeps a response opened as a page from loading or running anything), plus
 * `Cache-Control: no-store` (API_CACHE_CONTROL), since nearly every answer carries personal data,
 * and `Cross-Origin-Resource-Policy: same-site`, which keeps other sites from embedding an answer
 * (a scan, say) in their pages.
 *
 * helmet's other defaults (X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-
 * Policies, X-XSS-Protection, Origin-Agent-Cluster, Cross-Origin-Opener-Policy, Referrer-Policy)
 * act on HTML documents, old Internet Explorer or Flash; this API answers JSON and scans, so they
 * are left out: every header costs each request and each client.
 *
 * The two HTML pages the service serves (Swagger UI, Bull Board) run their own scripts and styles:
 * they get no Content-Security-Policy (see `htmlPages`).
 */
export const API_SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xContentTypeOptions: true,
  xFrameOptions: { action: 'deny' },
  crossOriginResourcePolicy: { policy: 'same-site' },
  xPoweredBy: true,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

export const API_CACHE_CONTROL = 'no-store';

const under = (url: string, path: string) =>
  url.startsWith(path) && (url.length === path.length || url[path.length] === '/' || url[path.length] === '?');

/**
 * Whether a request URL is one of the HTML pages at `pages` (or their assets), and not under
 * `except` (a page's own JSON API, which keeps the API's headers).
 */
export function htmlPages(pages: readonly string[], except: readonly string[] = []): (url: string) => boolean {
  return (url) => pages.some((page) => under(url, page)) && !except.some((path) => under(url, path));
}
