import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { eventLeafHash } from '../merkle/merkle-hashing';
import { MerkleTree } from '../merkle/merkle-tree';
import { recordedLedger } from '../testing/recorded-events';
import { exportPublicKeyRaw } from '../tree-head/public-key';
import { signTreeHead } from '../tree-head/tree-head';
import {
  exportEventLine,
  exportHeaderLine,
  exportHeadLine,
  parseExportLine,
} from './export-format';
import { verifyExport } from './verify-export';

const notary = generateKeyPairSync('ed25519');

function exportOf(events: readonly RecordedEvent[], headSizes: number[]): string[] {
  const tree = new MerkleTree();
  events.forEach((e) => tree.appendLeafHash(eventLeafHash(e.hash)));
  const heads = headSizes.map((size) => ({
    head: signTreeHead(
      {
        treeSize: BigInt(size),
        rootHash: tree.root(BigInt(size)),
        timestamp: '2026-11-22T10:00:00Z',
      },
      notary.privateKey,
    ),
    lastPosition: size === 0 ? null : events[size - 1].globalPosition,
  }));
  return [
    exportHeaderLine({
      exportedAt: '2026-11-22T11:00:00Z',
      eventCount: String(events.length),
      headCount: String(heads.length),
      publicKey: exportPublicKeyRaw(notary.publicKey),
    }),
    ...heads.map(exportHeadLine),
    ...events.map(exportEventLine),
  ];
}

describe('The export format', () => {
  it('reads back every event exactly as it was recorded', () => {
    for (const event of recordedLedger(6, 2)) {
      expect(parseExportLine(exportEventLine(event))).toEqual({ kind: 'event', event });
    }
  });

  it('writes sizes and positions as decimal strings', () => {
    const [event] = recordedLedger(1);
    expect(JSON.parse(exportEventLine(event)).event).toMatchObject({
      streamRevision: '0',
      globalPosition: '1',
    });
  });

  it('says in its header how hashes are made', () => {
    const header = JSON.parse(exportOf([], [])[0]);
    expect(header).toMatchObject({ kind: 'header', format: 'blue-ledger-export', version: 1 });
    expect(header.hashing.merkleLeaf).toMatch(/0x00/);
  });

  it.each([
    ['not JSON', '{"kind":', /not JSON/],
    ['an unknown kind', '{"kind":"note"}', /unknown kind/],
    ['a position as a number', '{"kind":"event","event":{"globalPosition":1}}', /must be/],
  ])('refuses a line that is %s', (_, line, message) => {
    expect(() => parseExportLine(line)).toThrow(message);
  });
});

describe('verifyExport', () => {
  const ledger = recordedLedger(9, 3);

  it('passes an untouched export and counts what it read', async () => {
    const progress: number[] = [];
    const report = await verifyExport(exportOf(ledger, [4, 9]), {
      publicKey: exportPublicKeyRaw(notary.publicKey),
      onProgress: (events) => progress.push(events),
    });
    expect(report).toMatchObject({ ok: true, checked: { events: 9, heads: 2, roots: 2 } });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reports a file cut short as incomplete, at the last event it read', async () => {
    const lines = exportOf(ledger, [9]).slice(0, -3);
    const report = await verifyExport(lines, { publicKey: notary.publicKey });
    expect(report.failure).toMatchObject({ reason: 'export_incomplete', position: 6n });
  });

  it('reports an unreadable line with its number', async () => {
    const lines = exportOf(ledger, []);
    lines[4] = lines[4].slice(0, 20);
    const report = await verifyExport(lines, { publicKey: notary.publicKey });
    expect(report.failure).toMatchObject({ reason: 'malformed_export', position: 3n });
    expect(report.failure?.detail).toMatch(/^line 5: not JSON/);
  });

  it('refuses a file that does not start with the header', async () => {
    const report = await verifyExport(exportOf(ledger, []).slice(1), {
      publicKey: notary.publicKey,
    });
    expect(report.failure?.reason).toBe('malformed_export');
  });

  it('checks the events against the heads the auditor kept', async () => {
    const kept = parseExportLine(exportOf(ledger, [9])[1]);
    if (kept.kind !== 'head') throw new Error('expected a head line');
    const shorter = exportOf(ledger.slice(0, 7), []);
    const report = await verifyExport(shorter, {
      publicKey: notary.publicKey,
      trustedHeads: [kept.head],
    });
    expect(report.failure).toMatchObject({ reason: 'head_beyond_log', leafIndex: 7n });
  });
});
