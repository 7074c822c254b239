/**
 * The complaint page's paths, served outside the /api/v1 prefix (a short address for posters and QR
 * codes): bootstrap excludes them from the global prefix, and the route inventory lists them as they are.
 */
export const COMPLAINT_PAGE_PATHS = ['complaint', 'complaint/status'] as const;
