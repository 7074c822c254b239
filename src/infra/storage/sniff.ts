/** The kinds of scan the centre accepts for documents (scans of documents and photos). */
export const ALLOWED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** Voice recordings in the formats phones and messengers write (evidence of a complaint). */
export const AUDIO_CONTENT_TYPES = ['audio/ogg', 'audio/mpeg', 'audio/aac', 'audio/mp4', 'audio/3gpp', 'audio/wav', 'audio/amr', 'audio/webm'] as const;
export type AudioContentType = (typeof AUDIO_CONTENT_TYPES)[number];

/** Evidence of a complaint: scans, photos and voice recordings. */
export const EVIDENCE_CONTENT_TYPES = [...ALLOWED_CONTENT_TYPES, ...AUDIO_CONTENT_TYPES] as const;

/** Every type the sniffer can recognise; each use accepts its own subset (`sniffContentType(head, accept)`). */
export type SniffedContentType = AllowedContentType | AudioContentType;

/** How many leading bytes `sniffContentType` needs to decide (WAV and MP4 put their brand at bytes 8–11). */
export const SNIFF_BYTES = 12;

const bytes = (s: string) => Buffer.from(s, 'latin1');
const at = (head: Buffer, offset: number, magic: Buffer) => head.length >= offset + magic.length && head.subarray(offset, offset + magic.length).equals(magic);

/** MP4 brands of audio files: iTunes audio, the generic ISO brands phones write for .m4a, and 3GPP. */
const MP4_AUDIO_BRANDS = ['M4A ', 'M4B ', 'isom', 'mp41', 'mp42'].map(bytes);
const THREE_GPP_BRANDS = ['3gp4', '3gp5', '3gp6', '3gp7'].map(bytes);

/**
 * An MPEG audio frame header: 11 sync bits, a version that is not the reserved 01 and a layer that
 * is not 00 (layer 00 with the sync is an AAC ADTS frame). JPEG's FF D8 never matches (D8 lacks the sync).
 */
const isMpegFrame = (h: Buffer) => h.length >= 2 && h[0] === 0xff && (h[1] & 0xe0) === 0xe0 && (h[1] & 0x18) !== 0x08 && (h[1] & 0x06) !== 0x00;
/** An AAC ADTS frame: 12 sync bits, layer 00. */
const isAdtsFrame = (h: Buffer) => h.length >= 2 && h[0] === 0xff && (h[1] & 0xf6) === 0xf0;

const SIGNATURES: ReadonlyArray<{ type: SniffedContentType; test: (head: Buffer) => boolean }> = [
  { type: 'application/pdf', test: (h) => at(h, 0, bytes('%PDF-')) },
  { type: 'image/jpeg', test: (h) => at(h, 0, Buffer.from([0xff, 0xd8, 0xff])) },
  { type: 'image/png', test: (h) => at(h, 0, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  // Ogg (Opus voice messages of Telegram and WhatsApp, Vorbis)
  { type: 'audio/ogg', test: (h) => at(h, 0, bytes('OggS')) },
  // MP3 with an ID3v2 tag, or starting on a frame
  { type: 'audio/mpeg', test: (h) => at(h, 0, bytes('ID3')) || isMpegFrame(h) },
  { type: 'audio/aac', test: isAdtsFrame },
  { type: 'audio/mp4', test: (h) => at(h, 4, bytes('ftyp')) && MP4_AUDIO_BRANDS.some((b) => at(h, 8, b)) },
  { type: 'audio/3gpp', test: (h) => at(h, 4, bytes('ftyp')) && THREE_GPP_BRANDS.some((b) => at(h, 8, b)) },
  { type: 'audio/wav', test: (h) => at(h, 0, bytes('RIFF')) && at(h, 8, bytes('WAVE')) },
  { type: 'audio/amr', test: (h) => at(h, 0, bytes('#!AMR')) },
  // EBML: WebM (browser and some Android recorders)
  { type: 'audio/webm', test: (h) => at(h, 0, Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
];

/**
 * The content type given by the file's first bytes (magic numbers) alone; a name or a declared
 * Content-Type is never trusted. Returns null for anything not in `accept` (by default the
 * document scans: PDF, JPEG, PNG).
 */
export function sniffContentType<T extends SniffedContentType = AllowedContentType>(
  head: Buffer,
  accept: readonly T[] = ALLOWED_CONTENT_TYPES as unknown as readonly T[],
): T | null {
  const found = SIGNATURES.find((s) => s.test(head))?.type;
  return found && (accept as readonly string[]).includes(found) ? (found as T) : null;
}

const EXTENSIONS: Record<SniffedContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/3gpp': '3gp',
  'audio/wav': 'wav',
  'audio/amr': 'amr',
  'audio/webm': 'webm',
};

/** The usual file extension for a sniffed type, without the dot (for download names). */
export function extensionFor(type: SniffedContentType): string {
  return EXTENSIONS[type];
}

export function isAllowedContentType(value: string): value is AllowedContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}
