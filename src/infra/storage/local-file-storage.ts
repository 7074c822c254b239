import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FileNotFoundError, FileStorage, FileTooLargeError, InvalidFileKeyError, PutOptions, StoredFile, UnsupportedFileTypeError } from './file-storage';
import { ALLOWED_CONTENT_TYPES, SNIFF_BYTES, sniffContentType } from './sniff';

const KEY_PATTERN = /^[A-Za-z0-9/_.-]+$/;
const MAX_KEY_LENGTH = 512;
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** Temporary files contain `~`, which no valid key may, so they can never be read or clobbered as a key. */
const TEMP_MARKER = '~upload';

/** `sniff: false`: a generated file, not judged by its first bytes (its content type is then null). */
type StoreOptions = PutOptions & { sniff?: boolean };
type Copied = Omit<StoredFile, 'contentType'> & { contentType: StoredFile['contentType'] | null };

/** Node error codes meaning "there is no file there". */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * FileStorage on the local disk: the file for key `k` is `<root>/k` (root is `<dataDir>/files`).
 * Uploads are written to a temporary file in the target's own directory and renamed over the
 * target once complete, so a reader sees either the whole old file or the whole new one, never a
 * half-written file; a stream already opened on the old file keeps reading the old bytes.
 */
export class LocalFileStorage extends FileStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = path.resolve(root);
  }

  async put(key: string, body: NodeJS.ReadableStream | Buffer, opts: PutOptions): Promise<StoredFile> {
    const stored = Buffer.isBuffer(body) ? await this.store(key, [body], opts, () => undefined) : await this.putStream(key, body, opts);
    // sniffed: a body of no accepted type was refused
    return { ...stored, contentType: stored.contentType! };
  }

  async putGenerated(key: string, body: NodeJS.ReadableStream): Promise<Omit<StoredFile, 'contentType'>> {
    const { size, sha256 } = await this.putStream(key, body, { maxBytes: Number.MAX_SAFE_INTEGER, sniff: false });
    return { size, sha256 };
  }

  private async putStream(key: string, body: NodeJS.ReadableStream, opts: StoreOptions): Promise<Copied> {
    // Until iteration starts (after mkdir and open) nothing else may be listening: without this a
    // client aborting early would emit an unhandled 'error' and bring the process down.
    let streamError: unknown;
    const onError = (error: unknown) => {
      streamError ??= error;
    };
    body.on('error', onError);
    try {
      return await this.store(key, body, opts, () => streamError);
    } catch (error) {
      // Release the body when it was not consumed to the end (an early exit from for-await already did).
      const stream = body as NodeJS.ReadableStream & { destroy?: () => void; destroyed?: boolean };
      if (typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy();
      throw error;
    } finally {
      body.removeListener('error', onError);
    }
  }

  private async store(key: string, body: AsyncIterable<string | Buffer> | Buffer[], opts: StoreOptions, streamError: () => unknown): Promise<Copied> {
    const target = this.pathFor(key);
    const { maxBytes } = opts;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
    }
    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
    const temp = path.join(dir, `.${randomBytes(12).toString('hex')}${TEMP_MARKER}`);
    const file = await fsp.open(temp, 'wx', FILE_MODE);
    let stored: Copied;
    try {
      stored = await this.copy(body, file, maxBytes, opts.sniff === false ? null : (opts.accept ?? ALLOWED_CONTENT_TYPES), streamError);
      await file.chmod(FILE_MODE); // the umask may only have narrowed it, but be exact
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await fsp.rm(temp, { force: true });
      throw error;
    }
    try {
      await file.close();
      await fsp.rename(temp, target);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dir);
    return stored;
  }

  async get(key: string): Promise<NodeJS.ReadableStream> {
    const file = this.pathFor(key);
    let handle: FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (error) {
      if (MISSING.has(errorCode(error) ?? '')) throw new FileNotFoundError(key);
      throw error;
    }
    try {
      if (!(await handle.stat()).isFile()) throw new FileNotFoundError(key);
    } catch (error) {
      await handle.close();
      throw error;
    }
    // Reading through the already-open handle: a later replace or delete does not affect this stream.
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    const file = this.pathFor(key);
    try {
      await fsp.unlink(file);
    } catch (error) {
      if (MISSING.has(errorCode(error) ?? '')) return;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathFor(key);
    try {
      return (await fsp.stat(file)).isFile();
    } catch (error) {
      if (MISSING.has(errorCode(error) ?? '')) return false;
      throw error;
    }
  }

  /** The absolute path for a key, refusing anything that could name a file outside the root. */
  private pathFor(key: string): string {
    assertValidKey(key);
    const resolved = path.resolve(this.root, key);
    // Defence in depth: the key rules already exclude this.
    if (!resolved.startsWith(this.root + path.sep)) throw new InvalidFileKeyError(key, 'path traversal');
    return resolved;
  }

  /** Writes the body to `file` while hashing, counting and sniffing it; throws on the first violation. */
  private async copy(
    body: AsyncIterable<string | Buffer> | Buffer[],
    file: FileHandle,
    maxBytes: number,
    /** The types accepted by their first bytes; null: not sniffed (a file the system wrote itself). */
    accept: NonNullable<PutOptions['accept']> | null,
    streamError: () => unknown,
  ): Promise<Copied> {
    const failed = streamError();
    if (failed) throw failed;
    const sniff = accept !== null;
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let contentType = null as StoredFile['contentType'] | null;
    for await (const piece of body) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      if (chunk.length === 0) continue;
      size += chunk.length;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      if (sniff && contentType === null) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length >= SNIFF_BYTES) {
          contentType = sniffContentType(head, accept);
          if (contentType === null) throw new UnsupportedFileTypeError();
        }
      }
      hash.update(chunk);
      await writeAll(file, chunk);
    }
    const failedLate = streamError();
    if (failedLate) throw failedLate;
    if (sniff) {
      // Shorter than SNIFF_BYTES: decide on what there is (most signatures are shorter).
      contentType ??= sniffContentType(head, accept);
      if (contentType === null) throw new UnsupportedFileTypeError();
    }
    return { size, sha256: hash.digest('hex'), contentType };
  }
}

/** Throws InvalidFileKeyError unless the key is a plain relative path of allowed characters. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidFileKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidFileKeyError(key, `longer than ${MAX_KEY_LENGTH} characters`);
  if (!KEY_PATTERN.test(key)) throw new InvalidFileKeyError(key, 'only letters, digits and / _ . - are allowed');
  if (key.startsWith('/')) throw new InvalidFileKeyError(key, 'must not start with a slash');
  if (key.includes('..')) throw new InvalidFileKeyError(key, 'must not contain ".."');
  if (key.split('/').some((segment) => segment === '' || segment === '.')) {
    throw new InvalidFileKeyError(key, 'empty or "." path segment');
  }
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Makes the rename durable; best effort, as not every platform can fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // ignored: the file itself is already synced and in place
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
