import { describe, expect, it } from 'vitest';
import { decideAgainAfterLostRaces } from '../../../../functions/escalation/core/decide-again-after-lost-races.ts';

/** A round that loses `losses` races, then answers 'stored'; counts its rounds and the pauses between them. */
const rounds = (losses: number) => {
  const seen = { rounds: 0, pauses: [] as number[] };
  const round = async () => (++seen.rounds <= losses ? ('conflict' as const) : ('stored' as const));
  const pause = async (attempt: number) => {
    seen.pauses.push(attempt);
  };
  return { seen, round, pause };
};

describe('decideAgainAfterLostRaces', () => {
  it('decides again after each lost race, pausing in between, and answers the first round that did not lose', async () => {
    const { seen, round, pause } = rounds(2);
    expect(await decideAgainAfterLostRaces(round, { giveUp: () => new Error('gave up'), pause })).toBe('stored');
    expect(seen).toEqual({ rounds: 3, pauses: [1, 2] });
  });

  it('gives up with its own error after the last attempt, without a pause after it', async () => {
    const { seen, round, pause } = rounds(99);
    await expect(decideAgainAfterLostRaces(round, { giveUp: (attempts) => new Error(`lost ${attempts}`), pause })).rejects.toThrow('lost 5');
    expect(seen).toEqual({ rounds: 5, pauses: [1, 2, 3, 4] });
  });
});
