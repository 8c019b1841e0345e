import fs from 'node:fs';
import path from 'node:path';
import type { Plain } from './documents';

/**
 * One collection's datafile, in NeDB's format: one JSON document per line, appended on every
 * change, later lines win, `{"$$deleted":true,"_id":…}` removes, dates as `{"$$date": ms}`.
 * Datafiles written by NeDB load, and NeDB loads these.
 *
 * Durability:
 * - every change is one synchronous write(2) on a descriptor kept open for appending, before the
 *   operation resolves. It takes microseconds, and once it returns the bytes are in the kernel's
 *   page cache: an acknowledged change survives the process dying (kill -9, a crash, an OOM kill).
 * - once a second, files written since the last second are fdatasync'ed off the event loop (as
 *   Redis' `appendfsync everysec`): a power cut or kernel crash loses about the last second at
 *   most. Not an fsync per change: that is a disk flush (milliseconds) on every request.
 * - a file is rewritten from memory (a temp file, fsync'ed, renamed over it) when it is loaded with
 *   lines to drop, when the store closes with lines to drop, and in the background when its
 *   superseded lines (old versions, deletions) outweigh its live ones and COMPACT_MIN_BYTES, so it
 *   stays under about twice the live data. A collection that only grows (requests, notices) is
 *   never rewritten for nothing.
 * - a torn last line (a crash or a full disk mid-write) is cut before loading. Other unreadable
 *   lines are skipped unless more than 10 % of the file is unreadable: then it is not opened
 *   (NeDB's `corruptAlertThreshold`), since a rewrite would drop them for good.
 */
export const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
export const SYNC_INTERVAL_MS = 1000;
export const CORRUPT_ALERT_THRESHOLD = 0.1;

/** Documents serialized per turn of the event loop while a background compaction writes its snapshot. */
const SNAPSHOT_CHUNK = 500;

/** A document as a datafile line (without the newline): JSON, dates as `{$$date: ms}`. */
export function serializeLine(doc: unknown): string {
  return containsDate(doc) ? JSON.stringify(doc, dateReplacer) : JSON.stringify(doc);
}

function dateReplacer(this: Plain, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $$date: raw.getTime() } : value;
}

function containsDate(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof Date) return true;
  if (Array.isArray(v)) return v.some(containsDate);
  for (const key in v) if (containsDate((v as Plain)[key])) return true;
  return false;
}

/** A datafile line back to its document (NeDB's reviver). */
export function parseLine(line: string): Plain {
  return JSON.parse(line, (key, value: unknown) => {
    if (key === '$$date') return new Date(value as number);
    if (value !== null && typeof value === 'object' && '$$date' in value) return (value as { $$date: Date }).$$date;
    return value;
  }) as Plain;
}

export const deletedLine = (id: string) => serializeLine({ $$deleted: true, _id: id });

/**
 * Cuts a last line that has no newline: a write torn by a crash or a full disk. Such a line was
 * never acknowledged (an operation resolves only after its whole line is written), and left in
 * place it would count as corrupt and swallow the next line appended. Returns the bytes dropped.
 */
export function dropTornTail(filename: string): number {
  let fd: number;
  try {
    fd = fs.openSync(filename, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    let keep = 0;
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const read = fs.readSync(fd, chunk, 0, end - start, start);
      const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
      if (newline >= 0) {
        keep = start + newline + 1;
        break;
      }
      end = start;
    }
    if (keep < size) fs.ftruncateSync(fd, keep);
    return size - keep;
  } finally {
    fs.closeSync(fd);
  }
}

/** One change as written: a document's new line, or the marker that deletes it. */
export interface Change {
  id: string;
  line: string;
  removed?: boolean;
}

/** Bytes a line takes in the file, its newline included. */
const lineBytes = (line: string) => Buffer.byteLength(line) + 1;

/** The live documents of a datafile, the bytes of each one's line, and whether rewriting it would drop anything. */
function readDatafile(filename: string): { docs: Map<string, Plain>; bytes: Map<string, number>; redundant: boolean } {
  // NeDB's crash-safe rewrite leaves only `<file>~` if it died between unlink and rename.
  if (!fs.existsSync(filename) && fs.existsSync(`${filename}~`)) fs.renameSync(`${filename}~`, filename);
  dropTornTail(filename);
  const docs = new Map<string, Plain>();
  const bytes = new Map<string, number>();
  let text: string;
  try {
    text = fs.readFileSync(filename, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { docs, bytes, redundant: false };
    throw e;
  }
  let lines = 0;
  let corrupt = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line) continue;
    lines++;
    let doc: Plain;
    try {
      doc = parseLine(line);
    } catch {
      corrupt++;
      continue;
    }
    if (typeof doc._id !== 'string') continue; // NeDB's index declarations: the store declares its own
    if (doc.$$deleted === true) {
      docs.delete(doc._id);
      bytes.delete(doc._id);
    } else {
      docs.set(doc._id, doc);
      bytes.set(doc._id, lineBytes(line));
    }
  }
  if (lines > 0 && corrupt / lines > CORRUPT_ALERT_THRESHOLD)
    throw new Error(`${Math.floor((100 * corrupt) / lines)}% of the data file is corrupt (${corrupt} of ${lines} lines), more than ${CORRUPT_ALERT_THRESHOLD * 100}%: not opened, so that nothing is dropped`);
  return { docs, bytes, redundant: lines !== docs.size };
}

/**
 * Writes all of `text` at the end of `fd` (which is `size` bytes long) and returns its length in
 * bytes, or leaves the file as it was and throws. One write(2) of the string, as a rule.
 */
function writeAll(fd: number, text: string, size: number): number {
  try {
    const length = Buffer.byteLength(text);
    let done = fs.writeSync(fd, text);
    if (done < length) {
      const bytes = Buffer.from(text);
      while (done < length) done += fs.writeSync(fd, bytes, done);
    }
    return length;
  } catch (e) {
    // Take back a partial line so the next append starts on a line of its own.
    try {
      fs.ftruncateSync(fd, size);
    } catch {
      /* dropTornTail cuts it at the next start */
    }
    throw e;
  }
}

/** Makes a rename in `dir` durable (where the platform can sync a directory). */
function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* some platforms cannot open or sync a directory */
  }
}

/** syncDir off the event loop. */
async function syncDirAsync(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* some platforms cannot open or sync a directory */
  }
}

export class Datafile {
  private fd: number | null = null;
  /** Bytes in the file (the store is its only writer). */
  private size = 0;
  /** Bytes of each live document's line, and their sum: the rest of the file is superseded. */
  private readonly live: Map<string, number>;
  private liveBytes = 0;
  /** No background compaction starts before the file reaches this size (raised after one failed). */
  private retryAt = 0;
  private dirty = false;
  /** The background compaction under way, if any. */
  private compaction: Promise<void> | null = null;
  /** While a background compaction writes its snapshot: what was appended since, to carry over. */
  private tail: string[] | null = null;
  private readonly temp: string;

  private constructor(
    readonly filename: string,
    /** The live documents, current at the moment of the call (never changed in place afterwards). */
    private readonly snapshot: () => Iterable<Plain>,
    private readonly compactMinBytes: number,
    live: Map<string, number>,
  ) {
    this.temp = `${filename}~`;
    this.live = live;
    for (const n of live.values()) this.liveBytes += n;
  }

  /** Loads `filename` (rewriting it when it has lines to drop) and takes over its appends. */
  static open(filename: string, snapshot: () => Iterable<Plain>, compactMinBytes = COMPACT_MIN_BYTES): { file: Datafile; docs: Map<string, Plain> } {
    const { docs, bytes, redundant } = readDatafile(filename);
    const file = new Datafile(filename, snapshot, compactMinBytes, bytes);
    if (redundant) file.rewrite(docs.values());
    else file.size = fs.existsSync(filename) ? fs.statSync(filename).size : 0;
    return { file, docs };
  }

  /** Appends the changes' lines; returns once write(2) took them all (or throws, leaving the file as it was). */
  append(changes: readonly Change[]): void {
    if (!changes.length) return;
    if (this.fd === null) {
      this.fd = fs.openSync(this.filename, 'a');
      this.size = fs.fstatSync(this.fd).size;
    }
    let text = '';
    for (const c of changes) text += c.line + '\n';
    this.size += writeAll(this.fd, text, this.size);
    this.dirty = true;
    this.tail?.push(text);
    for (const c of changes) {
      this.liveBytes -= this.live.get(c.id) ?? 0;
      if (c.removed) this.live.delete(c.id);
      else {
        const n = lineBytes(c.line);
        this.live.set(c.id, n);
        this.liveBytes += n;
      }
    }
    const superseded = this.size - this.liveBytes;
    if (!this.compaction && this.size >= this.retryAt && superseded > Math.max(this.liveBytes, this.compactMinBytes)) {
      this.compaction = this.compactInBackground()
        .catch(() => {
          // Retry only after as much growth again: a full disk must not make every write start a compaction.
          this.retryAt = this.size + Math.max(this.liveBytes, this.compactMinBytes);
        })
        .finally(() => {
          this.tail = null;
          this.compaction = null;
        });
    }
  }

  /**
   * Rewrites the file from the documents without holding up the collection: the snapshot is taken
   * at once (stored documents are replaced on change, never changed in place, so the list stays
   * consistent), serialized a chunk per turn of the event loop and fsync'ed; then what was appended
   * meanwhile is copied over and the new file takes the old one's place.
   */
  private async compactInBackground(): Promise<void> {
    const docs = [...this.snapshot()];
    this.tail = [];
    const out = await fs.promises.open(this.temp, 'w');
    try {
      for (let i = 0; i < docs.length; i += SNAPSHOT_CHUNK) {
        await out.write(docs.slice(i, i + SNAPSHOT_CHUNK).map((d) => serializeLine(d) + '\n').join(''));
        await new Promise((r) => setImmediate(r));
      }
      await out.datasync();
    } finally {
      await out.close();
    }
    // Synchronous from here on: no change can slip in between the copy of the tail and the rename.
    const fd = fs.openSync(this.temp, 'a');
    let size = fs.fstatSync(fd).size;
    for (const text of this.tail) size += writeAll(fd, text, size);
    fs.renameSync(this.temp, this.filename);
    this.closeFd();
    this.fd = fd;
    this.size = size;
    this.dirty = true;
    // The rename's durability, off the event loop: a directory fsync can take long on a busy disk.
    await syncDirAsync(path.dirname(this.filename));
  }

  /** Rewrites the file from `docs` now, crash-safe (temp file, fsync, rename, fsync of the directory). */
  private rewrite(docs: Iterable<Plain>): void {
    let text = '';
    // The live lines' sizes as written now (a file NeDB wrote may have spelt them differently).
    const live = new Map<string, number>();
    for (const doc of docs) {
      const line = serializeLine(doc);
      text += line + '\n';
      live.set(doc._id as string, lineBytes(line));
    }
    const fd = fs.openSync(this.temp, 'w');
    try {
      fs.writeFileSync(fd, text);
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.temp, this.filename);
    syncDir(path.dirname(this.filename));
    this.closeFd();
    this.size = Buffer.byteLength(text);
    this.live.clear();
    this.liveBytes = 0;
    for (const [id, n] of live) {
      this.live.set(id, n);
      this.liveBytes += n;
    }
    this.dirty = false;
  }

  /** Flushes what was written since the last call to the disk, off the event loop. */
  sync(): Promise<void> {
    if (!this.dirty || this.fd === null) return Promise.resolve();
    this.dirty = false;
    const fd = this.fd;
    // A compaction may close fd meanwhile: the new file was fsync'ed, so EBADF is fine.
    return new Promise((resolve) => fs.fdatasync(fd, () => resolve()));
  }

  /** Waits for a background compaction, rewrites the file if it has superseded lines, and closes it. */
  async close(): Promise<void> {
    await this.compaction;
    if (this.size !== this.liveBytes) this.rewrite(this.snapshot());
    else if (this.fd !== null && this.dirty) fs.fdatasyncSync(this.fd);
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }
}
