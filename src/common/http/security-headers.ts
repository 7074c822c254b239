import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * The security headers of every response (`app.useSecurityHeaders`, helmet's options), chosen for a
 * JSON API as the OWASP REST Security Cheat Sheet lists them: HSTS, `nosniff`, no framing
 * (`X-Frame-Options: DENY` and `Content-Security-Policy: default-src 'none'; frame-ancestors
 * 'none'`, which also keeps a response opened as a page from loading or running anything), plus
 * `Cache-Control: no-store` (API_CACHE_CONTROL), since nearly every answer carries personal data.
 *
 * helmet's other defaults (X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-
 * Policies, X-XSS-Protection, Origin-Agent-Cluster, Cross-Origin-Opener-Policy, Referrer-Policy,
 * Cross-Origin-Resource-Policy) act on HTML documents, old Internet Explorer, Flash, or on
 * credentials a browser attaches by itself; this API authenticates with a bearer token only and
 * answers JSON, so they are left out: every header costs each request and each client.
 *
 * The two HTML pages the service serves (Swagger UI at /docs, Bull Board at /admin/queues) run
 * their own scripts and styles: they get no Content-Security-Policy (see `documentPage`).
 */
export const API_SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  xContentTypeOptions: true,
  xFrameOptions: { action: 'deny' },
  xPoweredBy: true,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

export const API_CACHE_CONTROL = 'no-store';

/** The HTML pages and their assets: no Content-Security-Policy, and cacheable. */
const DOCUMENT_PAGES = ['/docs', '/admin/queues'];

export function documentPage(url: string): boolean {
  return DOCUMENT_PAGES.some((prefix) => url.startsWith(prefix) && (url.length === prefix.length || url[prefix.length] === '/' || url[prefix.length] === '?'));
}
