import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surveyPolicySettingsSchema } from '../../../functions/surveys/contracts/survey-policy-settings.ts';
import { acceptComplaint } from '../../../functions/intake/core/accept-complaint.ts';
import { type CustomerContext, decideEscalation, type EscalationInput } from '../../../functions/escalation/core/decide-escalation.ts';
import { nextEscalationStep } from '../../../functions/escalation/core/next-escalation-step.ts';
import { planComplaintEscalation } from '../../../functions/escalation/core/plan-complaint-escalation.ts';
import { planSurveyEscalation } from '../../../functions/escalation/core/plan-survey-escalation.ts';
import { renderNotificationEmail } from '../../../functions/escalation/core/render-notification-email.ts';
import { acknowledgementClock, slaCalendarOf } from '../../../functions/escalation/core/sla-clock.ts';
import { watchEscalationSlas } from '../../../functions/escalation/core/watch-escalation-slas.ts';
import { EMPTY_SURVEY_HISTORY } from '../../../functions/surveys/core/customer-survey-history.ts';
import { decideInvitation } from '../../../functions/surveys/core/decide-invitation.ts';
import { surveyMessagesFor, SURVEY_LOCALES } from '../../../functions/surveys/messages/survey-message-catalogue.ts';
import { pickLocale } from '../../../functions/surveys/core/pick-locale.ts';
import { loadEscalationSettings } from '../../../infra/escalation-settings.ts';
import { maybeObjectPrototypeName, OBJECT_PROTOTYPE_NAMES, objectPrototypeName } from '../../helpers/object-prototype-names.ts';
import { propertyRuns } from '../../helpers/property-runs.ts';
import { context, openedEscalation, rosters, rules, rulesWith } from '../escalation/core/escalation-fixtures.ts';
import type { SlaWatchStore, WatchedEscalation } from '../../../functions/escalation/core/escalation-store.ts';

// Data from outside (a case's team, region, product, agent, a customer id, a locale) names keys of
// configuration objects; a name Object.prototype already has must find nothing there.
const now = new Date('2026-03-09T14:00:00Z'); // Monday 10:00 in New York, 23:00 in Tokyo
const settings = loadEscalationSettings();
const tier = fc.constantFrom('premium' as const, 'standard' as const);
const nameOr = (ordinary: string) => fc.oneof(objectPrototypeName, fc.constant(ordinary));

const customerWithPrototypeNames: fc.Arbitrary<CustomerContext> = fc
  .record({
    id: nameOr('cus-1'),
    tier,
    region: maybeObjectPrototypeName,
    language: maybeObjectPrototypeName,
    product: maybeObjectPrototypeName,
    team: maybeObjectPrototypeName,
  })
  .map((customer) => JSON.parse(JSON.stringify(customer)) as CustomerContext);

const inputWithPrototypeNames: fc.Arbitrary<EscalationInput> = fc.oneof(
  fc.record({
    kind: fc.constant('complaint' as const),
    caseId: nameOr('CASE-1'),
    category: nameOr('attitude'),
    description: nameOr('Nobody answered.'),
    customer: customerWithPrototypeNames,
  }),
  fc.record({
    kind: fc.constant('csat' as const),
    caseId: nameOr('CASE-1'),
    score: fc.integer({ min: 1, max: 5 }),
    confirmed: fc.boolean(),
    comment: nameOr('Slow.'),
    customer: customerWithPrototypeNames,
  }),
);

// Round-robin cursors are keyed by team, read from the table; some teams may be named like these.
const cursorsWithPrototypeNames = fc
  .subarray([...OBJECT_PROTOTYPE_NAMES])
  .map((names) => Object.fromEntries(names.map((name) => [name, 'sv-ann'])) as Record<string, string>);

/** The customer as the rules see one whose team and region they do not know: neither. */
const withoutTeamAndRegion = (input: EscalationInput): EscalationInput => {
  const { team: _team, region: _region, ...customer } = input.customer;
  return { ...input, customer };
};

describe('keys named like members of Object.prototype (constructor, __proto__, toString, ...)', () => {
  describe('decideEscalation', () => {
    it('treats such a case team as unknown (the routing rules decide) and such a region as unknown (the default region)', () => {
      fc.assert(
        fc.property(inputWithPrototypeNames, cursorsWithPrototypeNames, maybeObjectPrototypeName, (input, roundRobinCursors, subjectAgentId) => {
          const decisionContext = context({ roundRobinCursors, ...(subjectAgentId === undefined ? {} : { subjectAgentId }) });
          const decision = decideEscalation(input, rules, decisionContext, now);
          expect(decision).toEqual(decideEscalation(withoutTeamAndRegion(input), rules, decisionContext, now));
          if (decision.escalate) {
            expect(Object.keys(rules.teams)).toContain(decision.team);
            expect(decision.region).toBe(rules.defaultRegion);
          }
        }),
        propertyRuns(500),
      );
    });

    it('routes to a team and counts on a region the rules do name "constructor", the one such name a rules identifier allows', () => {
      const withConstructor = rulesWith((draft) => {
        draft.teams.constructor = {};
        draft.regions.constructor = { ...draft.regions.jp, holidays: [] };
      });
      const constructorRosters = Object.fromEntries([...Object.entries(rosters), ['constructor', rosters['japan-support']!]]);
      fc.assert(
        fc.property(objectPrototypeName, tier, (name, customerTier) => {
          const input: EscalationInput = {
            kind: 'complaint',
            category: 'other',
            description: 'Nobody answered.',
            customer: { id: 'cus-1', tier: customerTier, team: name, region: name },
          };
          const decision = decideEscalation(input, withConstructor, context({ rosters: constructorRosters }), now);
          const expected = name === 'constructor' ? { team: 'constructor', region: 'constructor' } : { team: 'general-support', region: 'us' };
          expect(decision).toMatchObject({ escalate: true, ...expected });
        }),
        propertyRuns(100),
      );
    });
  });

  it('the SLA clock of such a region counts on the default region’s calendar', () => {
    fc.assert(
      fc.property(
        objectPrototypeName,
        tier,
        fc.constantFrom('low' as const, 'medium' as const, 'high' as const, 'critical' as const),
        (region, customerTier, severity) => {
          expect(slaCalendarOf(rules, customerTier, region)).toBe(slaCalendarOf(rules, customerTier, rules.defaultRegion));
          expect(acknowledgementClock(rules, { tier: customerTier, severity, region }, now)).toEqual(
            acknowledgementClock(rules, { tier: customerTier, severity, region: rules.defaultRegion }, now),
          );
        },
      ),
      propertyRuns(200),
    );
  });

  it('planComplaintEscalation opens an escalation for a complaint naming a case with such a team, region, product, agent or customer', () => {
    const caseContext = fc
      .record({
        customerId: nameOr('cust-7'),
        tier,
        locale: maybeObjectPrototypeName,
        region: maybeObjectPrototypeName,
        product: maybeObjectPrototypeName,
        team: maybeObjectPrototypeName,
        agentId: maybeObjectPrototypeName,
      })
      .map((found) => JSON.parse(JSON.stringify(found)));
    fc.assert(
      fc.property(caseContext, maybeObjectPrototypeName, cursorsWithPrototypeNames, (found, product, roundRobinCursors) => {
        const { message } = acceptComplaint(
          {
            email: 'ada@example.com',
            category: 'slow-response',
            description: 'No answer.',
            caseId: 'constructor',
            ...(product === undefined ? {} : { product }),
          },
          { now, signingKey: 'k'.repeat(64), statusTokenTtlDays: 180, statusEndpoint: 'https://api.example.com/complaints/status' },
        );
        const plan = planComplaintEscalation(
          message,
          { complainantKey: 'toString' },
          { caseContext: found, previousComplaintsAt: [], roundRobinCursors },
          settings,
          now,
        );
        expect(plan.escalation).toBeDefined();
        expect(Object.keys(settings.rules.teams)).toContain(plan.escalation!.team);
        expect(plan.escalation!.region).toBe(settings.rules.defaultRegion);
      }),
      propertyRuns(300),
    );
  });

  it('planSurveyEscalation opens an escalation for a low score on a case or contact with such names', () => {
    const caseContext = fc.option(
      fc
        .record({
          customerId: nameOr('cust-7'),
          tier,
          region: maybeObjectPrototypeName,
          product: maybeObjectPrototypeName,
          team: maybeObjectPrototypeName,
          agentId: maybeObjectPrototypeName,
        })
        .map((found) => JSON.parse(JSON.stringify(found))),
      { nil: undefined },
    );
    const contact = fc.record({ tier, region: maybeObjectPrototypeName, locale: maybeObjectPrototypeName }).map((found) => JSON.parse(JSON.stringify(found)));
    fc.assert(
      fc.property(caseContext, contact, objectPrototypeName, cursorsWithPrototypeNames, (found, latest, customerId, roundRobinCursors) => {
        const request = {
          requestId: 'resp-1',
          source: 'survey' as const,
          responseId: 'resp-1',
          invitationId: 'inv-1',
          customerId,
          caseId: customerId,
          csat: 1,
          requestedAt: now.toISOString(),
        };
        const plan = planSurveyEscalation({ request, waiting: true, caseContext: found, contact: latest, roundRobinCursors }, settings, now);
        if (plan.kind !== 'escalate') throw new Error(`expected an escalation, got ${plan.kind}`);
        expect(Object.keys(settings.rules.teams)).toContain(plan.escalation.team);
        expect(plan.escalation.region).toBe(settings.rules.defaultRegion);
      }),
      propertyRuns(300),
    );
  });

  it('nextEscalationStep moves an escalation of such a team and region up the default chain on the default region’s clock', () => {
    fc.assert(
      fc.property(objectPrototypeName, objectPrototypeName, (team, region) => {
        const due = openedEscalation({ team, region, tier: 'standard', guaranteed: false, ackDueAt: '2026-03-09T06:00:00.000Z' });
        const step = nextEscalationStep(due, rules, rosters['japan-support']!, now);
        expect(step).toMatchObject({
          kind: 'escalate',
          escalation: {
            level: 2,
            assignee: 'ld-yui',
            ...acknowledgementClock(rules, { tier: 'standard', severity: 'high', region: rules.defaultRegion }, now),
          },
        });
      }),
      propertyRuns(100),
    );
  });

  it('watchEscalationSlas reports an escalation of such a team as of an unknown team and goes on with the rest', async () => {
    await fc.assert(
      fc.asyncProperty(objectPrototypeName, async (team) => {
        const { audit: _audit, ...state } = openedEscalation({ id: 'esc-odd', team, ackDueAt: '2026-03-09T06:00:00.000Z' });
        const { audit: _other, ...ordinary } = openedEscalation({ id: 'esc-ok', ackDueAt: '2026-03-09T06:00:00.000Z' });
        const read: WatchedEscalation[] = [
          { ...state, reference: 'CMP-ODD', version: 1 },
          { ...ordinary, reference: 'CMP-OK', version: 1 },
        ];
        const store: SlaWatchStore = {
          findUnacknowledgedDue: async () => ({ escalations: read }),
          readEscalation: async (id) => read.find((escalation) => escalation.id === id),
          applyWatcherChange: async () => 'applied',
        };
        const report = await watchEscalationSlas({ store, rules, rosters, limits: { pageSize: 25, maxPages: 1 }, timeLeftMs: () => 30_000 }, now);
        expect(report).toMatchObject({ examined: 2, escalated: 1, unknownTeam: [team] });
      }),
      propertyRuns(50),
    );
  });

  it('message catalogues answer such a locale in English', () => {
    fc.assert(
      fc.property(objectPrototypeName, objectPrototypeName, (locale, acceptLanguage) => {
        expect(pickLocale(locale, acceptLanguage, SURVEY_LOCALES)).toBe('en');
        expect(surveyMessagesFor(locale)).toBe(surveyMessagesFor('en'));
        const resolved = { kind: 'complaint_resolved' as const, reference: 'CMP-7K3QX9AB', statusLink: 'https://x.example/s', resolution: 'Done.' };
        expect(renderNotificationEmail({ ...resolved, locale })).toEqual(renderNotificationEmail({ ...resolved, locale: 'en' }));
      }),
      propertyRuns(100),
    );
  });

  it('decideInvitation schedules a survey for a case, customer, product, channel, region, team or agent with such a name', () => {
    const policy = surveyPolicySettingsSchema.parse({});
    fc.assert(
      fc.property(
        objectPrototypeName,
        fc.record({
          region: maybeObjectPrototypeName,
          product: maybeObjectPrototypeName,
          channel: maybeObjectPrototypeName,
          team: maybeObjectPrototypeName,
          agentId: maybeObjectPrototypeName,
        }),
        (name, optional) => {
          const fields = JSON.parse(JSON.stringify(optional));
          const caseResolved = {
            caseId: name,
            resolvedAt: '2026-03-08T10:00:00Z',
            customer: { id: name, email: 'ada@example.com', tier: 'standard' as const, ...(fields.region === undefined ? {} : { region: fields.region }) },
            ...(fields.product === undefined ? {} : { product: fields.product }),
            ...(fields.channel === undefined ? {} : { channel: fields.channel }),
            ...(fields.team === undefined ? {} : { team: fields.team }),
            ...(fields.agentId === undefined ? {} : { agentId: fields.agentId }),
          };
          expect(decideInvitation(caseResolved, EMPTY_SURVEY_HISTORY, policy, now)).toMatchObject({
            kind: 'scheduled',
            invitation: { caseId: name, customerId: name },
          });
        },
      ),
      propertyRuns(200),
    );
  });
});
