import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../config/config';
import { ConfigModule } from '../../config/config.module';
import { FileNotFoundError, FileStorage, FileTooLargeError, InvalidFileKeyError, UnsupportedFileTypeError } from './file-storage';
import { LocalFileStorage } from './local-file-storage';
import { EVIDENCE_CONTENT_TYPES } from './sniff';
import { StorageModule } from './storage.module';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('not a real image body, but the signature is what counts'),
]);
const PDF = Buffer.from(`%PDF-1.7\n${'1 0 obj << /Type /Catalog >> endobj\n'.repeat(2000)}%%EOF\n`, 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const MB = 1024 * 1024;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A stream of `data` in pieces of `size` bytes (the first pieces shorter than the sniffing window). */
function streamOf(data: Buffer, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) pieces.push(data.subarray(i, i + size));
  return Readable.from(pieces);
}

/** Every file (not directory) below `dir`, relative, sorted; temporary files included. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(dir, name)).isFile()).sort();
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('LocalFileStorage', () => {
  let dataDir: string;
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-spec-'));
    root = path.join(dataDir, 'files');
    storage = new LocalFileStorage(root);
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('put and get', () => {
    it('stores a PNG buffer with its size, sha256 and sniffed type, and streams the same bytes back', async () => {
      const stored = await storage.put('cases/42/photo', PNG, { maxBytes: MB });
      expect(stored).toEqual({ size: PNG.length, sha256: sha256(PNG), contentType: 'image/png' });
      expect(fs.readFileSync(path.join(root, 'cases/42/photo')).equals(PNG)).toBe(true);
      expect((await readAll(await storage.get('cases/42/photo'))).equals(PNG)).toBe(true);
      expect(await storage.exists('cases/42/photo')).toBe(true);
      expect(filesUnder(root)).toEqual(['cases/42/photo']);
    });

    it('stores a PDF stream arriving in small pieces (signature split across chunks)', async () => {
      const stored = await storage.put('docs/passport.v1.pdf', streamOf(PDF, 3), { maxBytes: MB });
      expect(stored).toEqual({ size: PDF.length, sha256: sha256(PDF), contentType: 'application/pdf' });
      const back = await readAll(await storage.get('docs/passport.v1.pdf'));
      expect(back.length).toBe(PDF.length);
      expect(sha256(back)).toBe(sha256(PDF));
    });

    it('accepts a file shorter than the sniffing window when its signature fits', async () => {
      const stored = await storage.put('tiny', streamOf(JPEG, 1), { maxBytes: 10 });
      expect(stored).toEqual({ size: 4, sha256: sha256(JPEG), contentType: 'image/jpeg' });
    });

    it("ignores the key's extension: the bytes decide", async () => {
      expect((await storage.put('scan.pdf', PNG, { maxBytes: MB })).contentType).toBe('image/png');
    });

    it('accepts string chunks from a stream with an encoding set', async () => {
      const stream = new PassThrough();
      stream.setEncoding('latin1');
      stream.end(Buffer.from('%PDF-1.4 text', 'latin1'));
      const stored = await storage.put('enc', stream, { maxBytes: MB });
      expect(stored.sha256).toBe(sha256(Buffer.from('%PDF-1.4 text', 'latin1')));
    });

    if (process.platform !== 'win32') {
      it('writes files with mode 0600', async () => {
        await storage.put('private/doc', PDF, { maxBytes: MB });
        expect(fs.statSync(path.join(root, 'private/doc')).mode & 0o777).toBe(0o600);
      });
    }
  });

  describe('size limit', () => {
    it('accepts exactly maxBytes', async () => {
      expect((await storage.put('exact', PNG, { maxBytes: PNG.length })).size).toBe(PNG.length);
    });

    it('refuses a stream over maxBytes and leaves no file, not even a temporary one', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(256 * 1024, 0x20)]);
      const error = await rejectionOf(storage.put('big/one.pdf', streamOf(big, 16 * 1024), { maxBytes: 200 * 1024 }));
      expect(error).toBeInstanceOf(FileTooLargeError);
      expect((error as FileTooLargeError).maxBytes).toBe(200 * 1024);
      expect(filesUnder(root)).toEqual([]);
      expect(await storage.exists('big/one.pdf')).toBe(false);
    });

    it('refuses a buffer one byte over maxBytes', async () => {
      await expect(storage.put('over', PNG, { maxBytes: PNG.length - 1 })).rejects.toBeInstanceOf(FileTooLargeError);
      expect(filesUnder(root)).toEqual([]);
    });

    it('leaves the previous file under the key untouched', async () => {
      await storage.put('kept', PNG, { maxBytes: MB });
      await expect(storage.put('kept', PDF, { maxBytes: 100 })).rejects.toBeInstanceOf(FileTooLargeError);
      expect((await readAll(await storage.get('kept'))).equals(PNG)).toBe(true);
      expect(filesUnder(root)).toEqual(['kept']);
    });
  });

  describe('putGenerated', () => {
    it('stores a file the system wrote (text, a ZIP) without sniffing it, replacing in one step', async () => {
      const csv = Buffer.from('\uFEFFРаботодатель;ИНН\r\n=cmd;5500000000\r\n');
      expect(await storage.putGenerated('report-exports/a.csv', streamOf(csv, 7))).toEqual({ size: csv.length, sha256: sha256(csv) });
      expect((await readAll(await storage.get('report-exports/a.csv'))).equals(csv)).toBe(true);
      const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
      await storage.putGenerated('report-exports/a.csv', streamOf(zip, 3));
      expect((await readAll(await storage.get('report-exports/a.csv'))).equals(zip)).toBe(true);
      expect(filesUnder(root)).toEqual(['report-exports/a.csv']);
    });

    it('leaves nothing when the writer fails half-way', async () => {
      const body = new PassThrough();
      const stored = storage.putGenerated('report-exports/b.xlsx', body);
      body.write(Buffer.from('PK half a file'));
      body.destroy(new Error('the database went away'));
      await expect(stored).rejects.toThrow('the database went away');
      expect(filesUnder(root)).toEqual([]);
    });
  });

  describe('content type', () => {
    it('refuses a text file (even named .pdf) and leaves nothing', async () => {
      const text = Buffer.from('Dear sir, please find my passport attached.\n'.repeat(100));
      const error = await rejectionOf(storage.put('letters/passport.pdf', streamOf(text, 1000), { maxBytes: MB }));
      expect(error).toBeInstanceOf(UnsupportedFileTypeError);
      expect(filesUnder(root)).toEqual([]);
    });

    it.each([
      ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1')],
      ['a ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])],
      ['an empty body', Buffer.alloc(0)],
      ['a short non-matching body', Buffer.from('%PD')],
    ])('refuses %s', async (_label, body) => {
      await expect(storage.put('x', body, { maxBytes: MB })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
      await expect(storage.put('y', Readable.from([body]), { maxBytes: MB })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
      expect(filesUnder(root)).toEqual([]);
    });

    it('accepts what the caller accepts: an Ogg voice message only where audio is asked for', async () => {
      const ogg = Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), Buffer.alloc(300, 3)]);
      await expect(storage.put('voice-doc', Readable.from([ogg]), { maxBytes: MB })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
      const stored = await storage.put('voice', Readable.from([ogg.subarray(0, 5), ogg.subarray(5)]), { maxBytes: MB, accept: EVIDENCE_CONTENT_TYPES });
      expect(stored).toMatchObject({ contentType: 'audio/ogg', size: ogg.length });
      expect(filesUnder(root)).toEqual(['voice']);
    });

    it('stops reading an unsupported stream after the first bytes', async () => {
      let pulled = 0;
      const endless = new Readable({
        read() {
          pulled += 1;
          this.push(Buffer.alloc(1024, 0x41));
        },
      });
      await expect(storage.put('endless', endless, { maxBytes: 100 * MB })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
      expect(pulled).toBeLessThan(10);
      expect(filesUnder(root)).toEqual([]);
    });
  });

  it('cleans up when the body stream fails midway', async () => {
    const body = new PassThrough();
    const pending = storage.put('broken', body, { maxBytes: MB });
    body.write(PDF.subarray(0, 1000));
    setImmediate(() => body.destroy(new Error('client went away')));
    await expect(pending).rejects.toThrow('client went away');
    expect(filesUnder(root)).toEqual([]);
  });

  it('cleans up when the body stream fails before it is read', async () => {
    const body = new PassThrough();
    const pending = storage.put('broken', body, { maxBytes: MB });
    body.destroy(new Error('aborted at once'));
    await expect(pending).rejects.toThrow('aborted at once');
    expect(filesUnder(root)).toEqual([]);
  });

  it('rejects a body stream that had already failed', async () => {
    const body = new PassThrough();
    body.on('error', () => undefined);
    body.destroy(new Error('already broken'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(storage.put('broken', body, { maxBytes: MB })).rejects.toThrow('already broken');
    expect(filesUnder(root)).toEqual([]);
  });

  it('releases the body stream when the key is refused', async () => {
    const body = new PassThrough();
    body.write(PNG);
    await expect(storage.put('../escape', body, { maxBytes: MB })).rejects.toBeInstanceOf(InvalidFileKeyError);
    expect(body.destroyed).toBe(true);
  });

  describe('replacing a key', () => {
    it('swaps the whole file in one step: old content until the new one is complete, then the new one', async () => {
      await storage.put('doc', PNG, { maxBytes: MB });
      const openedBefore = await storage.get('doc');

      const upload = new PassThrough();
      const pending = storage.put('doc', upload, { maxBytes: MB });
      upload.write(PDF.subarray(0, 4096));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Mid-upload: readers still get the complete old file; the partial upload is in a temp file.
      expect((await readAll(await storage.get('doc'))).equals(PNG)).toBe(true);
      expect(filesUnder(root)).toHaveLength(2);
      upload.end(PDF.subarray(4096));
      expect(await pending).toMatchObject({ size: PDF.length, contentType: 'application/pdf' });

      expect((await readAll(await storage.get('doc'))).equals(PDF)).toBe(true);
      // A stream opened before the swap reads the old file to the end.
      expect((await readAll(openedBefore)).equals(PNG)).toBe(true);
      expect(filesUnder(root)).toEqual(['doc']);
    });

    it('concurrent writers to one key leave exactly one complete version', async () => {
      const bodies = [PNG, PDF, JPEG];
      await Promise.all(bodies.map((b) => storage.put('race', streamOf(b, 512), { maxBytes: MB })));
      const final = await readAll(await storage.get('race'));
      expect(bodies.some((b) => b.equals(final))).toBe(true);
      expect(filesUnder(root)).toEqual(['race']);
    });
  });

  describe('keys', () => {
    const refused = [
      ...['../x', '/etc/passwd', 'a/../../b', '..', 'a/..', 'a/./b', './a', 'a//b', 'a/', ''],
      ...['a\\b', 'a b', 'ü', '%2e%2e/x', 'a\0b', 'x'.repeat(513)],
    ];

    it.each(refused)('refuses %j everywhere', async (key) => {
      await expect(storage.put(key, PNG, { maxBytes: MB })).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidFileKeyError);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    });

    it('refusals are Errors', async () => {
      const error = await rejectionOf(storage.get('../x'));
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/\.\./);
    });

    it('accepts nested keys of letters, digits, / _ . -', async () => {
      await storage.put('A-z_0.9/sub-dir/file_name.v2.png', PNG, { maxBytes: MB });
      expect(await storage.exists('A-z_0.9/sub-dir/file_name.v2.png')).toBe(true);
    });
  });

  describe('delete, exists and missing keys', () => {
    it('delete is idempotent', async () => {
      await storage.put('gone', PNG, { maxBytes: MB });
      await storage.delete('gone');
      expect(await storage.exists('gone')).toBe(false);
      await expect(storage.delete('gone')).resolves.toBeUndefined();
      await expect(storage.delete('never/was/here')).resolves.toBeUndefined();
    });

    it('get of a missing key rejects with FileNotFoundError', async () => {
      const error = await rejectionOf(storage.get('missing/key'));
      expect(error).toBeInstanceOf(FileNotFoundError);
      expect((error as FileNotFoundError).key).toBe('missing/key');
    });

    it('a directory or a path through a file is not a file', async () => {
      await storage.put('dir/file', PNG, { maxBytes: MB });
      expect(await storage.exists('dir')).toBe(false);
      await expect(storage.get('dir')).rejects.toBeInstanceOf(FileNotFoundError);
      expect(await storage.exists('dir/file/deeper')).toBe(false);
      await expect(storage.get('dir/file/deeper')).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(storage.delete('dir/file/deeper')).resolves.toBeUndefined();
    });

    it('a stream opened before delete still reads the whole file', async () => {
      await storage.put('doc', PDF, { maxBytes: MB });
      const stream = await storage.get('doc');
      await storage.delete('doc');
      expect((await readAll(stream)).equals(PDF)).toBe(true);
    });
  });

  it('rejects a nonsensical maxBytes', async () => {
    await expect(storage.put('k', PNG, { maxBytes: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(storage.put('k', PNG, { maxBytes: Number.NaN })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('StorageModule', () => {
  it('provides FileStorage as local storage under <dataDir>/files', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-module-spec-'));
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot({ dataDir } as AppConfig), StorageModule],
      }).compile();
      const storage = moduleRef.get(FileStorage);
      expect(storage).toBeInstanceOf(LocalFileStorage);
      await storage.put('k/1', PNG, { maxBytes: MB });
      expect(fs.existsSync(path.join(dataDir, 'files', 'k', '1'))).toBe(true);
      await moduleRef.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
