import type { SupervisorRole } from '../../functions/escalation/contracts/supervisor-claims.ts';

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

/**
 * The local demo's support organisation (issue 9, item 7): the default rules' three teams with two
 * supervisors and a lead each, one admin, and the head of support who receives level 3 escalations. Data, not
 * code: start-up creates each in the emulated user pool, and `npm run token -- <userId>` signs one in.
 * Emails use `example.com` (RFC 2606), so nothing can leave the machine by mistake.
 */
export const demoDirectory: readonly DemoUser[] = [
  { userId: 'sup-general-ana', name: 'Ana Lima', email: 'ana.lima@example.com', groups: ['supervisor'], team: 'general-support', title: 'Supervisor' },
  { userId: 'sup-general-ben', name: 'Ben Okafor', email: 'ben.okafor@example.com', groups: ['supervisor'], team: 'general-support', title: 'Supervisor' },
  { userId: 'lead-general-chloe', name: 'Chloé Martin', email: 'chloe.martin@example.com', groups: ['lead'], team: 'general-support', title: 'Team lead' },
  { userId: 'sup-cloud-dev', name: 'Dev Patel', email: 'dev.patel@example.com', groups: ['supervisor'], team: 'cloud-platform', title: 'Supervisor' },
  { userId: 'sup-cloud-eva', name: 'Eva Novak', email: 'eva.novak@example.com', groups: ['supervisor'], team: 'cloud-platform', title: 'Supervisor' },
  { userId: 'lead-cloud-femi', name: 'Femi Adeyemi', email: 'femi.adeyemi@example.com', groups: ['lead'], team: 'cloud-platform', title: 'Team lead' },
  { userId: 'sup-japan-haruto', name: 'Haruto Sato', email: 'haruto.sato@example.com', groups: ['supervisor'], team: 'japan-support', title: 'Supervisor' },
  { userId: 'sup-japan-yui', name: 'Yui Tanaka', email: 'yui.tanaka@example.com', groups: ['supervisor'], team: 'japan-support', title: 'Supervisor' },
  { userId: 'lead-japan-kenji', name: 'Kenji Watanabe', email: 'kenji.watanabe@example.com', groups: ['lead'], team: 'japan-support', title: 'Team lead' },
  { userId: 'admin-grace', name: 'Grace Hopper', email: 'grace.hopper@example.com', groups: ['admin'], title: 'Administrator' },
  { userId: 'head-hugo', name: 'Hugo Bernard', email: 'hugo.bernard@example.com', groups: ['admin'], title: 'Head of support' },
];
