import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../helpers/shipped-escalation-settings.ts';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';

describe('the demo directory', () => {
  it('staffs exactly the teams the default escalation rules route to', () => {
    const staffedTeams = new Set(demoDirectory.flatMap((user) => (user.team === undefined ? [] : [user.team])));
    expect([...staffedTeams].sort()).toEqual(Object.keys(shippedRules.teams).sort());
  });
});
