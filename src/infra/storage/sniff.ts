/** The only kinds of file the centre accepts (scans of documents and photos). */
export const ALLOWED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** How many leading bytes `sniffContentType` needs to decide (the PNG signature is the longest). */
export const SNIFF_BYTES = 8;

const SIGNATURES: ReadonlyArray<{ type: AllowedContentType; magic: Buffer }> = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/**
 * The content type given by the file's first bytes (magic numbers) alone; a name or a declared
 * Content-Type is never trusted. Returns null for anything that is not PDF, JPEG or PNG.
 */
export function sniffContentType(head: Buffer): AllowedContentType | null {
  for (const { type, magic } of SIGNATURES) {
    if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) return type;
  }
  return null;
}

const EXTENSIONS: Record<AllowedContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The usual file extension for an allowed type, without the dot (for download names). */
export function extensionFor(type: AllowedContentType): string {
  return EXTENSIONS[type];
}

export function isAllowedContentType(value: string): value is AllowedContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}
