import { dlopen, FFIType } from "bun:ffi";
import { closeSync, mkdirSync, openSync, readFileSync, writeSync, ftruncateSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite does not lock its data directory, and two processes writing one directory silently lose
 * rows. We hold an exclusive flock(2) on `<dataDir>/origo.lock` for the life of the process; the
 * kernel releases it when the process dies, so a crash never leaves a stale lock behind.
 */
const LOCK_EX = 2;
const LOCK_NB = 4;
const libc = dlopen(process.platform === "darwin" ? "libc.dylib" : "libc.so.6", {
  flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
});

export class DataDirLockedError extends Error {}

export type DataDirLock = { release(): void };

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "origo.lock");
  const fd = openSync(path, "a+");
  if (libc.symbols.flock(fd, LOCK_EX | LOCK_NB) !== 0) {
    let holder = "";
    try {
      holder = readFileSync(path, "utf8").trim();
    } catch {}
    closeSync(fd);
    throw new DataDirLockedError(
      `The data directory ${dataDir} is in use by another Origo process${holder ? ` (${holder})` : ""}. ` +
        `Stop that process first, or give this one its own DATA_DIR. ` +
        `(数据目录正被另一个 Origo 进程使用，请先停止该进程或使用其他 DATA_DIR。)`,
    );
  }
  ftruncateSync(fd, 0);
  writeSync(fd, `pid ${process.pid}, since ${new Date().toISOString()}\n`);
  return {
    release() {
      libc.symbols.flock(fd, 8 /* LOCK_UN */);
      closeSync(fd);
    },
  };
}
