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
 * - a torn last line (a crash or a full disk mid-write: no newline, or a last line that does not
 *   parse) is dropped on loading, after the whole file is copied to `<file>.corrupt-<time>` and each
 *   dropped line is reported (its number and size, never its content). Any other unreadable line
 *   means the file was damaged, not torn: it is not opened at all (every operation fails with the
 *   reason, and `/api/health` names it), since a rewrite would drop acknowledged data for good.
 * - data files and their copies are created readable by their owner only (0600): they hold
 *   residents' phone numbers and addresses.
 */
export const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
export const SYNC_INTERVAL_MS = 1000;
/** Owner read/write only: the files hold personal data. */
export const FILE_MODE = 0o600;

/** A line left out when a datafile was opened (reported, never with its content). */
export interface SkippedLine {
  file: string;
  /** 1-based line number in the original file. */
  line: number;
  bytes: number;
  reason: 'torn';
  /** Where the original file was kept. */
  copy: string;
}

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

/** One change as written: a document's new line, or the marker that deletes it. */
export interface Change {
  id: string;
  line: string;
  removed?: boolean;
}

/** Bytes a line takes in the file, its newline included. */
const lineBytes = (line: string) => Buffer.byteLength(line) + 1;

/** `<file>.corrupt-<time>`: the original, kept before anything of it is dropped. */
function keepCopy(filename: string, now = new Date()): string {
  const copy = `${filename}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  fs.copyFileSync(filename, copy);
  fs.chmodSync(copy, FILE_MODE);
  return copy;
}

/** The live documents of a datafile, the bytes of each one's line, and whether rewriting it would drop anything. */
function readDatafile(filename: string, onSkipped: (s: SkippedLine) => void): { docs: Map<string, Plain>; bytes: Map<string, number>; redundant: boolean } {
  // NeDB's crash-safe rewrite leaves only `<file>~` if it died between unlink and rename.
  if (!fs.existsSync(filename) && fs.existsSync(`${filename}~`)) fs.renameSync(`${filename}~`, filename);
  const docs = new Map<string, Plain>();
  const bytes = new Map<string, number>();
  let text: string;
  try {
    text = fs.readFileSync(filename, 'utf8');
    // Files written before they were made private.
    if ((fs.statSync(filename).mode & 0o077) !== 0) fs.chmodSync(filename, FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { docs, bytes, redundant: false };
    throw e;
  }
  const all = text.split('\n');
  // The last element is what follows the last newline: empty, or a line torn mid-write.
  const lastIndex = all.length - 1 - [...all].reverse().findIndex((l) => l !== '');
  const torn: { line: number; bytes: number }[] = [];
  let lines = 0;
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (!line) continue;
    lines++;
    let doc: Plain;
    try {
      doc = parseLine(line);
    } catch {
      // Only the last line can be a write the crash cut short; anything before it is damage.
      if (i !== lastIndex) throw new Error(`line ${i + 1} of the data file is corrupt (${Buffer.byteLength(line)} bytes, not a torn last line): not opened, so that nothing is dropped`);
      torn.push({ line: i + 1, bytes: Buffer.byteLength(line) });
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
  if (torn.length) {
    const copy = keepCopy(filename);
    for (const t of torn) onSkipped({ file: filename, ...t, reason: 'torn', copy });
  }
  // A torn line (or a line without its newline) is rewritten away with the rest.
  return { docs, bytes, redundant: lines !== docs.size || (text.length > 0 && !text.endsWith('\n')) };
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
      /* the next open drops it as a torn last line */
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

/** Default report of a dropped line: one structured line on stderr (the store has no logger of its own). */
function reportSkipped(s: SkippedLine): void {
  process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'datafile line skipped', ...s })}\n`);
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
  static open(
    filename: string,
    snapshot: () => Iterable<Plain>,
    compactMinBytes = COMPACT_MIN_BYTES,
    onSkipped: (s: SkippedLine) => void = reportSkipped,
  ): { file: Datafile; docs: Map<string, Plain> } {
    const { docs, bytes, redundant } = readDatafile(filename, onSkipped);
    const file = new Datafile(filename, snapshot, compactMinBytes, bytes);
    if (redundant) file.rewrite(docs.values());
    else file.size = fs.existsSync(filename) ? fs.statSync(filename).size : 0;
    return { file, docs };
  }

  /** Appends the changes' lines; returns once write(2) took them all (or throws, leaving the file as it was). */
  append(changes: readonly Change[]): void {
    if (!changes.length) return;
    if (this.fd === null) {
      this.fd = fs.openSync(this.filename, 'a', FILE_MODE);
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
    const out = await fs.promises.open(this.temp, 'w', FILE_MODE);
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
    const fd = fs.openSync(this.temp, 'a', FILE_MODE);
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
    const fd = fs.openSync(this.temp, 'w', FILE_MODE);
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
