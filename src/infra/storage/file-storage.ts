import type { SniffedContentType } from './sniff';

/** What `put` stored: the byte count, the hex SHA-256 of the bytes and the sniffed content type. */
export interface StoredFile {
  size: number;
  sha256: string;
  contentType: SniffedContentType;
}

export interface PutOptions {
  /** Bodies longer than this are refused with FileTooLargeError. */
  maxBytes: number;
  /** The content types accepted, judged by the first bytes (default: the document scans, PDF, JPEG and PNG). */
  accept?: readonly SniffedContentType[];
}

/** The body is longer than the allowed maximum; nothing was stored. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than the limit of ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** The body is not of an accepted type by its leading bytes; nothing was stored. */
export class UnsupportedFileTypeError extends Error {
  constructor() {
    super('Unsupported file type: the leading bytes are not of an accepted kind');
    this.name = 'UnsupportedFileTypeError';
  }
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file under key "${key}"`);
    this.name = 'FileNotFoundError';
  }
}

/** The key is malformed or would escape the storage root (path traversal). */
export class InvalidFileKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid file key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidFileKeyError';
  }
}

/**
 * Binary storage for uploaded documents, addressed by opaque keys made of [A-Za-z0-9/_.-]
 * (no `..`, no leading slash). Also the DI token: inject `FileStorage`, never an implementation.
 *
 * The contract is deliberately small and stream-based (put / get / delete / exists by key, no
 * paths, no directory listing, no partial writes visible to readers) so that an S3-compatible
 * implementation (PutObject with a streamed body, GetObject, DeleteObject, HeadObject) can
 * replace LocalFileStorage without changing callers. Such an implementation must keep the same
 * guarantees: size and SHA-256 computed while streaming, content type sniffed from the first
 * bytes, oversized or unsupported bodies rejected and nothing left behind, delete idempotent.
 */
export abstract class FileStorage {
  /**
   * Streams `body` into storage under `key`, replacing any previous file in one step.
   * Rejects with FileTooLargeError or UnsupportedFileTypeError, in which case nothing is stored
   * and the previous file (if any) is untouched.
   */
  abstract put(key: string, body: NodeJS.ReadableStream | Buffer, opts: PutOptions): Promise<StoredFile>;
  /**
   * Streams a file the system wrote itself (a report export) under `key`, as `put` does but without
   * sniffing or a size limit: its type is the writer's own.
   */
  abstract putGenerated(key: string, body: NodeJS.ReadableStream): Promise<Omit<StoredFile, 'contentType'>>;

  /** The stored bytes; rejects with FileNotFoundError when there is no file under `key`. */
  abstract get(key: string): Promise<NodeJS.ReadableStream>;

  /** Removes the file; succeeds when there is none. */
  abstract delete(key: string): Promise<void>;

  abstract exists(key: string): Promise<boolean>;
}
