import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const schedules = resourcesOfType('AWS::Scheduler::Schedule').filter(([, candidate]) => candidate.Properties.Name === 'relationship-survey-campaign');
const [, schedule] = schedules[0]!;
const start = functionByService('start-campaign');
const invite = functionByService('invite-campaign-chunk');

describe('SurveyCampaigns', () => {
  it('starts a campaign quarterly, named so the local control endpoint can fire it', () => {
    expect(schedules).toHaveLength(1);
    expect(schedule.Properties).toMatchObject({
      Name: 'relationship-survey-campaign',
      ScheduleExpression: 'cron(0 6 1 1,4,7,10 ? *)',
      State: 'ENABLED',
    });
  });

  it('passes the scheduled time to start-campaign, retries, and dead-letters a start that keeps failing', () => {
    const target = schedule.Properties.Target;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(start), 'Arn'] });
    expect(JSON.parse(target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
    expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 3 });
    expect(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^SurveyCampaignsFailedStarts/);
    const [, asyncConfig] = resourcesOfType('AWS::Lambda::EventInvokeConfig')[0]!;
    expect(asyncConfig.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(/^SurveyCampaignsFailedStarts/);
  });

  it('staggers by the SES rate and sizes chunks by the chunk consumer timeout', () => {
    expect(start.Properties.Environment.Variables).toMatchObject({
      SES_MAX_SEND_RATE: '14',
      CAMPAIGN_PERIOD_MONTHS: '3',
      CAMPAIGN_SAMPLE_FRACTION: '1',
      CAMPAIGN_MAX_SAMPLE_SIZE: '100000',
      CAMPAIGN_CHUNK_TIMEOUT_SECONDS: String(invite.Properties.Timeout),
    });
    expect(start.Properties.Environment.Variables.SURVEY_POLICY).toBe(invite.Properties.Environment.Variables.SURVEY_POLICY);
  });

  it('fans out through a queue with a dead-letter queue, one chunk per invocation', () => {
    const queueId = start.Properties.Environment.Variables.CAMPAIGN_QUEUE_URL.Ref;
    expect(resources[queueId]!.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
    const [, mapping] = resourcesOfType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === logicalIdOf(invite))!;
    expect(mapping.Properties).toMatchObject({ BatchSize: 1, EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
  });
});
