import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedDir } from './shared.js';

describe('sharedDir: how tests find ../shared', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('under CI a missing folder fails the test file with a message naming it', () => {
    vi.stubEnv('CI', 'true');
    expect(() => sharedDir('no-such-folder')).toThrow(
      /\.\.\/shared\/no-such-folder not found .*CI never skips/,
    );
  });

  it('outside CI a missing folder gives undefined (the caller skips, with a warning)', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sharedDir('no-such-folder')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no-such-folder not found'));
    warn.mockRestore();
  });

  it('a present folder resolves beside the clone', () => {
    vi.stubEnv('CI', '');
    const dir = sharedDir('seeds');
    if (dir === undefined) expect.fail('../shared/seeds must be present beside the clone');
    expect(dir).toMatch(/[/\\]shared[/\\]seeds$/);
  });
});
