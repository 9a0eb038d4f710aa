import type { SupervisorRole } from '../../functions/shared/core/supervisor-identity.ts';

/** A person of the local demo: what a Cognito user pool would hold (sub, email, groups, `custom:team`). */
export interface DemoUser {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly SupervisorRole[];
  /** Absent for people who see every team (the admin and the head of support). */
  readonly team?: string;
  readonly title: 'Supervisor' | 'Team lead' | 'Administrator' | 'Head of support';
}

/** The teams of the demo: complaints about the network and about bills. */
export const demoTeams = ['network', 'billing'] as const;

/**
 * The local demo's support organisation (issue 9, item 7): two teams with two supervisors and a
 * lead each, one admin, and the head of support who receives level 3 escalations. Data, not
 * code: the local issuer mints a token for each, and `npm run token -- <userId>` mints others.
 * Emails use `example.com` (RFC 2606), so nothing can leave the machine by mistake.
 */
export const demoDirectory: readonly DemoUser[] = [
  { userId: 'sup-network-ana', name: 'Ana Lima', email: 'ana.lima@example.com', groups: ['supervisor'], team: 'network', title: 'Supervisor' },
  { userId: 'sup-network-ben', name: 'Ben Okafor', email: 'ben.okafor@example.com', groups: ['supervisor'], team: 'network', title: 'Supervisor' },
  { userId: 'lead-network-chloe', name: 'Chloé Martin', email: 'chloe.martin@example.com', groups: ['lead'], team: 'network', title: 'Team lead' },
  { userId: 'sup-billing-dev', name: 'Dev Patel', email: 'dev.patel@example.com', groups: ['supervisor'], team: 'billing', title: 'Supervisor' },
  { userId: 'sup-billing-eva', name: 'Eva Novak', email: 'eva.novak@example.com', groups: ['supervisor'], team: 'billing', title: 'Supervisor' },
  { userId: 'lead-billing-femi', name: 'Femi Adeyemi', email: 'femi.adeyemi@example.com', groups: ['lead'], team: 'billing', title: 'Team lead' },
  { userId: 'admin-grace', name: 'Grace Hopper', email: 'grace.hopper@example.com', groups: ['admin'], title: 'Administrator' },
  { userId: 'head-hugo', name: 'Hugo Bernard', email: 'hugo.bernard@example.com', groups: ['admin'], title: 'Head of support' },
];
