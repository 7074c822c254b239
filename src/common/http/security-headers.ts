import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The headers of every API answer, chosen for a JSON API as the OWASP REST Security Cheat Sheet
 * lists them, with helmet's values: HSTS, `nosniff`, no framing (`X-Frame-Options: DENY` and
 * `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`, which also keeps a
 * response opened as a page from loading or running anything), `Cache-Control: no-store`, since
 * nearly every answer carries personal data, and `Cross-Origin-Resource-Policy: same-site`, which
 * keeps other sites from embedding an answer (a scan, say) in their pages.
 *
 * helmet's other defaults (X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-
 * Policies, X-XSS-Protection, Origin-Agent-Cluster, Cross-Origin-Opener-Policy, Referrer-Policy)
 * act on HTML documents, old Internet Explorer or Flash; this API answers JSON and scans, so they
 * are left out: every header costs each request and each client.
 *
 * Fixed strings, set by one request hook through Fastify (`reply.headers`, see `responseHeaders`)
 * rather than by `app.useSecurityHeaders()`: Nest's hook writes them to the raw response, which
 * sends every other header of the answer down node:http's slow path: 7 % of a health probe's
 * instructions (bench/README.md).
 */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-site',
  'cache-control': 'no-store',
});

/**
 * The two HTML pages the service serves (Swagger UI, Bull Board) run their own scripts and styles:
 * they get the same headers without the Content-Security-Policy (see `htmlPages`).
 */
export const HTML_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(API_HEADERS).filter(([name]) => name !== 'content-security-policy')),
);

/**
 * Sets the headers every answer carries: those above, by the kind of page, and `X-Request-Id`.
 * Run by the application's first request hook and by Fastify's answer to a request its router
 * refuses before any hook (`frameworkErrors`: a URL that is not valid percent-encoding).
 */
export function responseHeaders(isHtmlPage: (url: string) => boolean): (request: FastifyRequest, reply: FastifyReply) => void {
  return (request, reply) => {
    void reply.headers(isHtmlPage(request.url) ? HTML_PAGE_HEADERS : API_HEADERS).header('x-request-id', request.id);
  };
}

const under = (url: string, path: string) => url.startsWith(path) && (url.length === path.length || url[path.length] === '/' || url[path.length] === '?');

/**
 * Whether a request URL is one of the HTML pages at `pages` (or their assets), and not under
 * `except` (a page's own JSON API, which keeps the API's headers).
 */
export function htmlPages(pages: readonly string[], except: readonly string[] = []): (url: string) => boolean {
  return (url) => pages.some((page) => under(url, page)) && !except.some((path) => under(url, path));
}
