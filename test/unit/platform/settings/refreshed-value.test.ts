import { describe, expect, it } from 'vitest';
import { refreshedEvery } from '../../../../functions/platform/settings/refreshed-value.ts';

describe('refreshedEvery', () => {
  const counting = (answers: (() => Promise<string>)[]) => {
    let reads = 0;
    const read = () => answers[Math.min(reads++, answers.length - 1)]!();
    return { read, reads: () => reads };
  };

  it('reads once while the value is younger than its age, then again', async () => {
    let now = 0;
    const { read, reads } = counting([async () => 'first', async () => 'second']);
    const current = refreshedEvery(60_000, read, () => now);
    expect(await current()).toBe('first');
    now = 59_999;
    expect(await current()).toBe('first');
    expect(reads()).toBe(1);
    now = 60_000;
    expect(await current()).toBe('second');
    expect(reads()).toBe(2);
  });

  it('shares one read among callers while it is in flight', async () => {
    const { read, reads } = counting([async () => 'only']);
    const current = refreshedEvery(60_000, read, () => 0);
    expect(await Promise.all([current(), current(), current()])).toEqual(['only', 'only', 'only']);
    expect(reads()).toBe(1);
  });

  it('keeps no failed read: the next call reads again', async () => {
    const { read, reads } = counting([async () => Promise.reject(new Error('throttled')), async () => 'recovered']);
    const current = refreshedEvery(60_000, read, () => 0);
    await expect(current()).rejects.toThrow('throttled');
    expect(await current()).toBe('recovered');
    expect(reads()).toBe(2);
  });
});
