import { describe, expect, it } from 'vitest';
import { defaultEscalationRules } from '../../../functions/escalation/core/default-escalation-rules.ts';
import { demoTeams } from '../../../local/auth/demo-directory.ts';

describe('the demo directory', () => {
  it('staffs exactly the teams the default escalation rules route to', () => {
    expect([...demoTeams].sort()).toEqual(Object.keys(defaultEscalationRules.teams).sort());
  });
});
