import { describe, expect, it } from 'vitest';
import { robotsStateFromResponse, robotsUrl, robotsVerdict } from '../../src/fetch/robots.js';

const UA = 'qcity-ingest/0.1';
const TEXT = [
  'User-agent: *',
  'Disallow: /',
  '',
  'User-agent: qcity-ingest',
  'Disallow: /private/',
  'Allow: /private/public-notice',
  'Disallow: /*.pdf$',
  'Crawl-delay: 2.5',
  '',
  'User-agent: otherbot',
  'Allow: /',
].join('\n');
const rules = robotsStateFromResponse(200, TEXT);
const at = (path: string) => new URL(`http://www.example.gov.cn${path}`);

describe('robotsStateFromResponse', () => {
  it('maps status codes as Google does', () => {
    expect(rules.kind).toBe('rules');
    expect(robotsStateFromResponse(404, '')).toEqual({ kind: 'allow-all', status: 404 });
    expect(robotsStateFromResponse(410, '')).toEqual({ kind: 'allow-all', status: 410 });
    expect(robotsStateFromResponse(403, '').kind).toBe('allow-all');
    expect(robotsStateFromResponse(500, '').kind).toBe('unavailable');
    expect(robotsStateFromResponse(503, '').kind).toBe('unavailable');
    expect(robotsStateFromResponse(429, '').kind).toBe('unavailable');
  });
});

describe('robotsVerdict', () => {
  it('uses the group for our product token, not *', () => {
    expect(robotsVerdict(rules, at('/news/1.html'), UA).allowed).toBe(true);
    expect(robotsVerdict(rules, at('/private/a.html'), UA).allowed).toBe(false);
  });
  it('the longest matching rule wins: Allow inside a disallowed folder', () => {
    expect(robotsVerdict(rules, at('/private/public-notice/1.html'), UA).allowed).toBe(true);
  });
  it('supports wildcards and $ anchors', () => {
    expect(robotsVerdict(rules, at('/files/report.pdf'), UA).allowed).toBe(false);
    expect(robotsVerdict(rules, at('/files/report.pdf.html'), UA).allowed).toBe(true);
  });
  it('falls back to * for other agents', () => {
    expect(robotsVerdict(rules, at('/news/1.html'), 'somebot/2.0').allowed).toBe(false);
  });
  it('reports Crawl-delay in ms', () => {
    expect(robotsVerdict(rules, at('/'), UA).crawlDelayMs).toBe(2500);
    expect(
      robotsVerdict(robotsStateFromResponse(200, 'User-agent: *\nDisallow:\n'), at('/'), UA).crawlDelayMs,
    ).toBeUndefined();
  });
  it('allow-all allows, unavailable disallows', () => {
    expect(robotsVerdict({ kind: 'allow-all', status: 404 }, at('/x'), UA).allowed).toBe(true);
    expect(robotsVerdict({ kind: 'unavailable', reason: '503' }, at('/x'), UA).allowed).toBe(false);
  });
  it('robotsUrl keeps scheme, host and port', () => {
    expect(robotsUrl(new URL('https://a.example.cn:8443/p/q?x=1')).href).toBe(
      'https://a.example.cn:8443/robots.txt',
    );
  });
});
