import * as fs from 'node:fs';
import * as path from 'node:path';

/** Owner only: the data directory holds the events, the keys and the principals. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and its parents) readable by its owner only; an existing one is left as it is. */
export function privateDir(dir: string): void {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty file readable by its owner only, unless it exists. Run before SQLite opens a
 * database: SQLite gives the write-ahead log and shared-memory files the database file's mode,
 * so they are private too.
 */
export function privateFile(file: string): void {
  privateDir(path.dirname(file));
  try {
    fs.closeSync(
      fs.openSync(
        file,
        fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY,
        PRIVATE_FILE_MODE,
      ),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface WiderThanPrivate {
  path: string;
  /** Octal, e.g. `0644`. */
  mode: string;
}

/** The directory itself and the files in it that others than the owner may read, write or enter. */
export function widerThanPrivate(dir: string): WiderThanPrivate[] {
  if (!fs.existsSync(dir)) return [];
  const found: WiderThanPrivate[] = [];
  const check = (p: string) => {
    const mode = fs.statSync(p).mode & 0o777;
    if ((mode & 0o077) !== 0) found.push({ path: p, mode: `0${mode.toString(8)}` });
  };
  check(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) check(path.join(dir, entry.name));
  }
  return found;
}
