import { randomFillSync } from "node:crypto";
import type { RandomBytes } from "@nsc/core";

const POOL_BYTES = 4096;

/**
 * Random bytes from the OS's CSPRNG, drawn 4 KiB at a time: a request needs a few small draws (a token ID,
 * an audit ID), and one system call per draw is a measurable part of issuing a token. Every caller gets
 * its own copy; no byte is handed out twice.
 */
export function pooledRandomBytes(): RandomBytes {
  const pool = Buffer.alloc(POOL_BYTES);
  let offset = POOL_BYTES;
  return (size) => {
    if (size > POOL_BYTES) return randomFillSync(Buffer.alloc(size));
    if (offset + size > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const bytes = Uint8Array.prototype.slice.call(pool, offset, offset + size);
    offset += size;
    return bytes;
  };
}
