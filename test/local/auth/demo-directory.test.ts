import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../helpers/shipped-escalation-settings.ts';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';

describe('the demo directory', () => {
  it('staffs exactly the teams the default escalation rules route to', () => {
    const staffedTeams = new Set(demoDirectory.flatMap((user) => (user.team === undefined ? [] : [user.team])));
    expect([...staffedTeams].sort()).toEqual(Object.keys(shippedRules.teams).sort());
  });

  it('holds the same people as the seed directory, with the same names and addresses, each in the seed’s team', () => {
    const seed = loadEscalationSettings().directory;
    const seeded = [
      { ...seed.head, team: undefined },
      ...Object.entries(seed.teams).flatMap(([team, { supervisors, lead }]) => [...supervisors, lead].map((person) => ({ ...person, team }))),
    ].map(({ id, name, email, team }) => ({ id, name, email, team }));
    const demo = demoDirectory.filter((user) => user.userId !== 'admin-grace').map(({ userId, name, email, team }) => ({ id: userId, name, email, team }));
    expect(demo.sort((a, b) => a.id.localeCompare(b.id))).toEqual(seeded.sort((a, b) => a.id.localeCompare(b.id)));
  });
});
