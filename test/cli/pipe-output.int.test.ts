import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qcity-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An article long enough that `extract` prints well over 1 MB of JSON (text + textSimplified). */
function bigPage(paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>柳州市质量强市工作第${i}段：全年抽检合格率达96.6%，新增检验检测机构${i % 7}家，投入资金近15亿元。</p>`,
  ).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>柳州市质量强市工作报告</title></head><body><article><h1>柳州市质量强市工作报告</h1>${body}</article></body></html>`;
}

/** Reads all of stdin, parses each JSON line and reports what it got. */
const READER = `let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',c=>s+=c);process.stdin.on('end',()=>{const rows=s.trim().split('\\n').map(l=>JSON.parse(l));process.stdout.write(JSON.stringify({bytes:Buffer.byteLength(s),rows:rows.length,paragraphs:rows[0].text.split('\\n\\n').length}))})`;

describe('CLI output through a pipe', () => {
  it('`qcity extract big.html | reader` delivers the whole >1 MB JSON', async () => {
    const file = path.join(dir, 'big.html');
    writeFileSync(file, bigPage(4000));
    const child = spawn(
      'sh',
      ['-c', '"$NODE" --import tsx src/cli/main.ts extract "$FILE" | "$NODE" -e "$READER"'],
      {
        cwd: projectRoot,
        env: { ...process.env, NODE: process.execPath, FILE: file, READER, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    const got = JSON.parse(out) as { bytes: number; rows: number; paragraphs: number };
    expect(got.bytes).toBeGreaterThan(1024 * 1024);
    expect(got.rows).toBe(1);
    expect(got.paragraphs).toBeGreaterThanOrEqual(4000);
  });
});
