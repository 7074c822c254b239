import { ALLOWED_CONTENT_TYPES, AUDIO_CONTENT_TYPES, EVIDENCE_CONTENT_TYPES, extensionFor, isAllowedContentType, SNIFF_BYTES, sniffContentType } from './sniff';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const latin = (s: string) => Buffer.from(s, 'latin1');
/** An MP4 file's first box: size, `ftyp`, the major brand. */
const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x20]), latin('ftyp'), latin(brand), Buffer.from([0, 0, 0, 0])]);

describe('sniffContentType', () => {
  it.each<[string, Buffer, string | null]>([
    ['a PDF', latin('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['a bare PDF signature', Buffer.from('%PDF-'), 'application/pdf'],
    ['a JPEG (JFIF)', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['a JPEG (Exif)', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34]), 'image/jpeg'],
    ['a PNG', Buffer.from([...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'image/png'],
    ['a GIF', latin('GIF89a\x01\x00\x01\x00'), null],
    ['a ZIP (or docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), null],
    ['an empty file', Buffer.alloc(0), null],
    ['text from a file named scan.pdf', Buffer.from('This is not really a PDF, whatever its name says'), null],
    ['"PDF" without the percent sign', Buffer.from('PDF-1.4'), null],
    ['a truncated PDF signature', Buffer.from('%PDF'), null],
    ['a truncated PNG signature', Buffer.from(PNG_SIGNATURE.slice(0, 7)), null],
    ['a PNG signature with a wrong byte', Buffer.from([...PNG_SIGNATURE.slice(0, 7), 0x00]), null],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8]), null],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.7'), null],
    // documents never take audio, whatever it is
    ['an Ogg voice message, as a document', latin('OggS\x00\x02\x00\x00'), null],
    ['an MP3, as a document', latin('ID3\x04\x00\x00\x00\x00'), null],
    ['a WAV, as a document', latin('RIFF\x24\x08\x00\x00WAVE'), null],
  ])('a document scan: %s', (_label, head, expected) => {
    expect(sniffContentType(head)).toBe(expected);
  });

  it.each<[string, Buffer, string | null]>([
    ['an Ogg Opus voice message (Telegram, WhatsApp)', latin('OggS\x00\x02\x00\x00\x00\x00\x00\x00'), 'audio/ogg'],
    ['an MP3 with an ID3v2 tag', latin('ID3\x04\x00\x00\x00\x00\x00\x00'), 'audio/mpeg'],
    ['an MP3 starting on an MPEG-1 layer III frame (FF FB)', Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]), 'audio/mpeg'],
    ['an MP3 starting on an MPEG-2 layer III frame (FF F3)', Buffer.from([0xff, 0xf3, 0x48, 0xc4]), 'audio/mpeg'],
    ['an MPEG-2.5 frame (FF E3)', Buffer.from([0xff, 0xe3, 0x18, 0xc4]), 'audio/mpeg'],
    ['a frame sync with the reserved version (FF EB)', Buffer.from([0xff, 0xeb, 0x18, 0xc4]), null],
    ['raw AAC in ADTS frames (FF F1)', Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), 'audio/aac'],
    ['an M4A (brand M4A)', ftyp('M4A '), 'audio/mp4'],
    ['an M4A written by a phone (brand isom)', ftyp('isom'), 'audio/mp4'],
    ['an M4A (brand mp42)', ftyp('mp42'), 'audio/mp4'],
    ['an Android voice recording (3GPP, brand 3gp4)', ftyp('3gp4'), 'audio/3gpp'],
    ['an HEIC photo (ftyp, brand heic)', ftyp('heic'), null],
    ['ftyp not at offset 4', Buffer.concat([latin('ftyp'), ftyp('M4A ')]), null],
    ['a WAV', latin('RIFF\x24\x08\x00\x00WAVEfmt '), 'audio/wav'],
    ['an AVI (RIFF, not WAVE)', latin('RIFF\x24\x08\x00\x00AVI LIST'), null],
    ['a RIFF header cut before its form type', latin('RIFF\x24\x08\x00\x00'), null],
    ['an AMR voice note', latin('#!AMR\n\x3c\x91'), 'audio/amr'],
    ['a WebM recording', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]), 'audio/webm'],
    ['a PDF', latin('%PDF-1.4\n'), 'application/pdf'],
    ['a JPEG photo', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a PNG', Buffer.from(PNG_SIGNATURE), 'image/png'],
    ['a Windows executable', latin('MZ\x90\x00\x03\x00\x00\x00'), null],
    ['an ELF executable', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), null],
    ['an HTML page', Buffer.from('<!doctype html><script>'), null],
    ['a FLAC (not a format phones record)', latin('fLaC\x00\x00\x00\x22'), null],
  ])('evidence: %s', (_label, head, expected) => {
    expect(sniffContentType(head, EVIDENCE_CONTENT_TYPES)).toBe(expected);
  });

  it('a type outside the accepted set is refused even when recognised', () => {
    expect(sniffContentType(latin('%PDF-1.4'), AUDIO_CONTENT_TYPES)).toBeNull();
    expect(sniffContentType(latin('OggS\x00\x02'), ['audio/ogg'])).toBe('audio/ogg');
  });

  it('needs no more than SNIFF_BYTES bytes', () => {
    expect(SNIFF_BYTES).toBe(12);
    expect(sniffContentType(Buffer.from(PNG_SIGNATURE))).toBe('image/png');
    expect(sniffContentType(ftyp('M4A ').subarray(0, SNIFF_BYTES), EVIDENCE_CONTENT_TYPES)).toBe('audio/mp4');
  });
});

describe('allowed types', () => {
  it('documents are exactly PDF, JPEG and PNG; evidence adds the audio formats', () => {
    expect([...ALLOWED_CONTENT_TYPES].sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(EVIDENCE_CONTENT_TYPES).toEqual([...ALLOWED_CONTENT_TYPES, ...AUDIO_CONTENT_TYPES]);
    expect(isAllowedContentType('image/png')).toBe(true);
    expect(isAllowedContentType('image/gif')).toBe(false);
    expect(isAllowedContentType('audio/ogg')).toBe(false);
  });

  it.each([
    ['application/pdf', 'pdf'],
    ['image/jpeg', 'jpg'],
    ['image/png', 'png'],
    ['audio/ogg', 'ogg'],
    ['audio/mpeg', 'mp3'],
    ['audio/mp4', 'm4a'],
    ['audio/wav', 'wav'],
    ['audio/amr', 'amr'],
    ['audio/webm', 'webm'],
  ] as const)('%s has the extension %s', (type, ext) => {
    expect(extensionFor(type)).toBe(ext);
  });
});
