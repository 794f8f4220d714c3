import type { EventStore } from '@blue-ledger/event-store';
import {
  exportEventLine,
  exportHeaderLine,
  exportHeadLine,
  exportPublicKeyRaw,
  importPublicKey,
  NOTARY_PUBLIC_KEY_FILE,
  readAllInPages,
} from '@blue-ledger/integrity';
import { notaryRecords, type NotarizedHead } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { PositionProgress } from './position-progress';

export interface ExportSummary {
  events: number;
  heads: number;
  lastPosition: bigint | null;
}

/**
 * Writes the ledger as NDJSON (see export-format in libs/integrity): the header, every signed
 * head, then every event up to the store's head when the export began. The heads are read
 * first, so each covers only events the export holds. The file appears under its name only
 * once complete.
 */
export async function exportLedger(
  source: { store: EventStore; readModels: Database; dataDir: string },
  out: string,
  progress: PositionProgress,
): Promise<ExportSummary> {
  const heads = signedHeads(source.readModels);
  const end = await source.store.headPosition();
  const body = `${out}.${process.pid}.body`;
  const partial = `${out}.${process.pid}.partial`;
  let events = 0;
  let lastPosition: bigint | null = null;
  try {
    const writer = lineWriter(body);
    for (const head of heads) await writer.write(exportHeadLine(head));
    progress.start(Number(end ?? 0n));
    if (end !== null) {
      for await (const event of readAllInPages(source.store)) {
        if (event.globalPosition > end) break;
        await writer.write(exportEventLine(event));
        events += 1;
        lastPosition = event.globalPosition;
        progress.update(Number(event.globalPosition));
      }
    }
    await writer.close();
    progress.stop();

    const header = exportHeaderLine({
      exportedAt: new Date().toISOString(),
      eventCount: String(events),
      headCount: String(heads.length),
      publicKey: publicKeyOf(source.dataDir),
    });
    fs.writeFileSync(partial, `${header}\n`);
    await appendFile(body, partial);
    fs.renameSync(partial, out);
  } finally {
    fs.rmSync(body, { force: true });
    fs.rmSync(partial, { force: true });
  }
  return { events, heads: heads.length, lastPosition };
}

function signedHeads(db: Database): NotarizedHead[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notary_heads'")
    .get();
  if (table === undefined) return [];
  const heads: NotarizedHead[] = [];
  for (let page = notaryRecords.headsAfter(db, 0, 1000); page.length > 0;) {
    heads.push(...page);
    page = notaryRecords.headsAfter(db, page[page.length - 1].id, 1000);
  }
  return heads;
}

function publicKeyOf(dataDir: string): string | null {
  const file = path.join(dataDir, NOTARY_PUBLIC_KEY_FILE);
  if (!fs.existsSync(file)) return null;
  return exportPublicKeyRaw(importPublicKey(fs.readFileSync(file, 'utf8')));
}

function lineWriter(file: string) {
  const stream = fs.createWriteStream(file, { flags: 'wx' });
  return {
    async write(line: string): Promise<void> {
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}

function appendFile(from: string, to: string): Promise<void> {
  return pipeline(fs.createReadStream(from), fs.createWriteStream(to, { flags: 'a' }));
}
