import { describe, expect, it } from 'vitest';
import { classifyBody, sniffBinaryType, verdictFromContentType } from '../../src/fetch/sniff.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const HTML = bytes('<!DOCTYPE html><html><head><meta charset="gb2312"><title>x</title></head><body>');

describe('verdictFromContentType', () => {
  it('HTML types are HTML, generic or missing types are sniffed, the rest skipped', () => {
    expect(verdictFromContentType('text/html; charset=GBK')).toBe('html');
    expect(verdictFromContentType('application/xhtml+xml')).toBe('html');
    expect(verdictFromContentType(undefined)).toBe('sniff');
    expect(verdictFromContentType('application/octet-stream')).toBe('sniff');
    expect(verdictFromContentType('text/plain')).toBe('sniff');
    for (const t of [
      'application/pdf',
      'image/jpeg',
      'application/msword',
      'application/json',
      'video/mp4',
    ]) {
      expect(verdictFromContentType(t)).toBe('non-html');
    }
  });
});

describe('sniffBinaryType', () => {
  it('recognises common document and media formats by magic bytes', () => {
    expect(sniffBinaryType(bytes('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffBinaryType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffBinaryType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffBinaryType(bytes('PK\x03\x04....'))).toBe('application/zip');
    expect(sniffBinaryType(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
      'application/x-ole-storage',
    );
    expect(sniffBinaryType(bytes('\0\0\0\x18ftypmp42'))).toBe('video/mp4');
    expect(sniffBinaryType(HTML)).toBeNull();
  });
});

describe('classifyBody', () => {
  it('an octet-stream PDF is non-html, an untyped HTML page is html', () => {
    expect(classifyBody('application/octet-stream', bytes('%PDF-1.7'))).toBe('non-html');
    expect(classifyBody(undefined, HTML)).toBe('html');
    expect(classifyBody('', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), HTML]))).toBe('html');
  });
  it('a PDF served as text/html is still a PDF', () => {
    expect(classifyBody('text/html', bytes('%PDF-1.5\n%âãÏÓ'))).toBe('non-html');
  });
  it('short signatures do not override a declared text/html (text may start with "BM" or "MZ")', () => {
    expect(classifyBody('text/html', bytes('MZ region news <p>'))).toBe('html');
    expect(classifyBody('application/octet-stream', bytes('MZ\x90\x00\x03'))).toBe('non-html');
  });
  it('NUL bytes mean binary unless the body has a UTF-16 BOM', () => {
    expect(classifyBody(undefined, Buffer.from([0x01, 0x00, 0x02, 0x00]))).toBe('non-html');
    expect(classifyBody(undefined, Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe('html');
  });
  it('text/plain counts as HTML only when it carries markup', () => {
    expect(classifyBody('text/plain', HTML)).toBe('html');
    expect(classifyBody('text/plain', bytes('just some notes\nline two'))).toBe('non-html');
  });
  it('declared non-HTML types are skipped whatever the bytes', () => {
    expect(classifyBody('image/png', HTML)).toBe('non-html');
  });
});
