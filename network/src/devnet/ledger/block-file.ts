import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { LedgerError } from './errors';

const LENGTH_BYTES = 4;

/**
 * Fabric's blkstorage block file, in one file: each block as a 4-byte big-endian length and the serialized
 * common.Block, appended and fsynced before a commit is acknowledged. The block number → offset index is
 * rebuilt by walking the length prefixes on open, which also finds a torn last write (a crash in the middle of
 * an append) and truncates it: that block was never acknowledged.
 */
export class BlockFile {
  readonly #file: FileHandle;
  /** Offset of each block's record. */
  readonly #offsets: number[];
  #end: number;

  private constructor(file: FileHandle, offsets: number[], end: number) {
    this.#file = file;
    this.#offsets = offsets;
    this.#end = end;
  }

  static async open(path: string): Promise<BlockFile> {
    // a+ : appends always go to the end, reads anywhere.
    const file = await open(path, 'a+');
    try {
      const size = (await file.stat()).size;
      if (size === 0) await syncDirectory(dirname(path));
      const offsets: number[] = [];
      const header = Buffer.alloc(LENGTH_BYTES);
      let offset = 0;
      while (offset + LENGTH_BYTES <= size) {
        await readFully(file, header, offset);
        const next = offset + LENGTH_BYTES + header.readUInt32BE(0);
        if (next > size) break;
        offsets.push(offset);
        offset = next;
      }
      // A length prefix whose record is complete but does not hold the expected block is a torn write too.
      if (offsets.length > 0 && !(await holdsBlock(file, offsets.at(-1)!, offset, offsets.length - 1))) {
        offset = offsets.pop()!;
      }
      if (offset < size) {
        await file.truncate(offset);
        await file.datasync();
      }
      return new BlockFile(file, offsets, offset);
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** Number of blocks in the file. */
  get height(): number {
    return this.#offsets.length;
  }

  /** Appends and fsyncs: once this resolves the block survives a crash. */
  async append(blockBytes: Uint8Array): Promise<void> {
    const record = Buffer.allocUnsafe(LENGTH_BYTES + blockBytes.length);
    record.writeUInt32BE(blockBytes.length, 0);
    record.set(blockBytes, LENGTH_BYTES);
    try {
      let written = 0;
      while (written < record.length) {
        const { bytesWritten } = await this.#file.write(record, written, record.length - written);
        written += bytesWritten;
      }
      await this.#file.datasync();
    } catch (err) {
      // Leave no partial or unsynced record behind for the next append to follow.
      await this.#file.truncate(this.#end).catch(() => undefined);
      throw err;
    }
    this.#offsets.push(this.#end);
    this.#end += record.length;
  }

  async read(blockNum: number): Promise<Uint8Array | undefined> {
    const offset = this.#offsets[blockNum];
    if (offset === undefined) return undefined;
    const end = blockNum + 1 < this.#offsets.length ? this.#offsets[blockNum + 1] : this.#end;
    const bytes = Buffer.allocUnsafe(end - offset - LENGTH_BYTES);
    await readFully(this.#file, bytes, offset + LENGTH_BYTES);
    return bytes;
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let read = 0;
  while (read < into.length) {
    const { bytesRead } = await file.read(into, read, into.length - read, position + read);
    if (bytesRead === 0) throw new LedgerError(`block file ends at ${position + read}, expected ${into.length - read} more bytes`);
    read += bytesRead;
  }
}

async function holdsBlock(file: FileHandle, offset: number, end: number, blockNum: number): Promise<boolean> {
  const bytes = Buffer.allocUnsafe(end - offset - LENGTH_BYTES);
  await readFully(file, bytes, offset + LENGTH_BYTES);
  try {
    return common.Block.deserializeBinary(bytes).getHeader()?.getNumber() === blockNum;
  } catch {
    return false;
  }
}

/** A new file's directory entry must be durable too, or the first acknowledged blocks could vanish with it. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
