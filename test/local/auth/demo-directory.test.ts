import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../helpers/shipped-escalation-settings.ts';
import { demoTeams } from '../../../local/auth/demo-directory.ts';

describe('the demo directory', () => {
  it('staffs exactly the teams the default escalation rules route to', () => {
    expect([...demoTeams].sort()).toEqual(Object.keys(shippedRules.teams).sort());
  });
});
