import { ALLOWED_CONTENT_TYPES, extensionFor, isAllowedContentType, SNIFF_BYTES, sniffContentType } from './sniff';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sniffContentType', () => {
  it.each<[string, Buffer, string | null]>([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), 'application/pdf'],
    ['a bare PDF signature', Buffer.from('%PDF-'), 'application/pdf'],
    ['a JPEG (JFIF)', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['a JPEG (Exif)', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34]), 'image/jpeg'],
    ['a PNG', Buffer.from([...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'image/png'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), null],
    ['a ZIP (or docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), null],
    ['an empty file', Buffer.alloc(0), null],
    ['text from a file named scan.pdf', Buffer.from('This is not really a PDF, whatever its name says'), null],
    ['"PDF" without the percent sign', Buffer.from('PDF-1.4'), null],
    ['a truncated PDF signature', Buffer.from('%PDF'), null],
    ['a truncated PNG signature', Buffer.from(PNG_SIGNATURE.slice(0, 7)), null],
    ['a PNG signature with a wrong byte', Buffer.from([...PNG_SIGNATURE.slice(0, 7), 0x00]), null],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8]), null],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.7'), null],
  ])('%s', (_label, head, expected) => {
    expect(sniffContentType(head)).toBe(expected);
  });

  it('needs no more than SNIFF_BYTES bytes', () => {
    expect(SNIFF_BYTES).toBe(8);
    expect(sniffContentType(Buffer.from(PNG_SIGNATURE))).toBe('image/png');
  });
});

describe('allowed types', () => {
  it('are exactly PDF, JPEG and PNG', () => {
    expect([...ALLOWED_CONTENT_TYPES].sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect(isAllowedContentType('image/png')).toBe(true);
    expect(isAllowedContentType('image/gif')).toBe(false);
  });

  it('have extensions', () => {
    expect(extensionFor('application/pdf')).toBe('pdf');
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('image/png')).toBe('png');
  });
});
