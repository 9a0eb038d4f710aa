import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { InvalidEscalationSettingsError } from '../../infra/escalation-settings.ts';
import { FeedbackPipelineStack } from '../../infra/feedback-pipeline-stack.ts';

// Bundling is skipped (`aws:cdk:bundling-stacks`): the check runs as the stack is built, and
// building it without 23 esbuild runs takes under a second.
const stackCheckedOn = (day: string) =>
  new FeedbackPipelineStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Calendars', { calendarCheckDate: new Date(day) });

describe('the holiday calendars of the escalation rules at synthesis', () => {
  it('pass without a warning more than 60 days before they end', () => {
    const stack = stackCheckedOn('2027-10-15T12:00:00Z');
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('add one warning per calendar within 60 days of its end, as cdk synth and npm start show them', () => {
    // us lists its own holidays through 2027; jp and uk take the library's, through 2029 when synthesized in 2027.
    const stack = stackCheckedOn('2027-12-01T12:00:00Z');
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('The holiday calendar ends on 2027-12-31'));
    expect(warnings.map(({ entry }) => String(entry.data).match(/regions\.\w+\.holidays/)?.[0])).toEqual(['regions.us.holidays']);
  });

  it('stop the synthesis once a calendar has ended', () => {
    expect(() => stackCheckedOn('2028-01-01T12:00:00Z')).toThrow(InvalidEscalationSettingsError);
    expect(() => stackCheckedOn('2028-01-01T12:00:00Z')).toThrow(/regions\.us\.holidays: The holiday calendar ended on 2027-12-31/);
  });

  it('never end for a library calendar synthesized within two years', () => {
    expect(() => stackCheckedOn('2029-10-15T12:00:00Z')).toThrow(/regions\.us\.holidays: The holiday calendar ended/);
    expect(() => stackCheckedOn('2029-10-15T12:00:00Z')).not.toThrow(/regions\.(jp|uk)\.holidays/);
  });
});
