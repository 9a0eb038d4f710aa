import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, AlarmStatusWidget, Dashboard, GraphWidget, type IMetric, MathExpression, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { IntakeQueue } from './intake-queue.ts';
import { PipelineFunction, pipelineMetricsNamespace } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface PipelineDashboardProps {
  readonly api: PublicHttpApi;
}

/**
 * One CloudWatch dashboard for the pipeline, named after the stack (one per stage): intake,
 * queues, consumer errors, escalations and surveys, then every alarm's state. Built last in the
 * stack, it finds every {@link PipelineFunction}, {@link IntakeQueue} and alarm in it, so a new
 * function or queue shows without an edit here. The runbook (docs/runbook.md) names its widgets.
 */
export class PipelineDashboard extends Construct {
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const everything = stack.node.findAll();
    const functions = everything.filter((c): c is PipelineFunction => c instanceof PipelineFunction);
    const queues = everything.filter((c): c is IntakeQueue => c instanceof IntakeQueue);
    const alarms = everything.filter((c): c is Alarm => c instanceof Alarm);
    // Every queue that only holds what failed: the intake queues' dead letters, failed runs and starts.
    const intakeQueues = new Set<Queue>(queues.map((q) => q.queue));
    const deadLetters = everything.filter((c): c is Queue => c instanceof Queue && !intakeQueues.has(c));
    const deadLetterName = (queue: Queue) => (queue.node.id === 'DeadLetterQueue' ? `${queue.node.scope!.node.id} dead letters` : queue.node.id);
    const period = Duration.minutes(5);
    const namespace = pipelineMetricsNamespace(this);
    // Powertools adds the function's service name as the one dimension of every figure it records.
    const figure = (metricName: string, service: string, label = metricName) =>
      new Metric({ namespace, metricName, dimensionsMap: { service }, statistic: 'Sum', period, label });
    const summed = (label: string, metrics: Metric[]) =>
      new MathExpression({
        expression: metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(metrics.map((m, i) => [`m${i}`, m])),
        label,
        period,
      });
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6, period });

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: stack.stackName, defaultInterval: Duration.hours(6) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${stack.stackName}\nEach alarm says what to do in docs/runbook.md; the widgets below are named there.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Intake: requests and answers', [
        props.api.api.metricCount({ period, label: 'API requests' }),
        props.api.api.metricClientError({ period, label: '4xx' }),
        props.api.api.metricServerError({ period, label: '5xx' }),
      ]),
      graph('Intake: accepted', [
        figure('ComplaintAccepted', 'submit-complaint', 'Complaints'),
        figure('FeedbackAccepted', 'submit-feedback', 'Site and article feedback'),
        figure('SurveyAnswerAccepted', 'survey-page', 'Survey answers'),
        figure('SurveyScoreProvisional', 'survey-page', 'One-click scores (unconfirmed)'),
        figure('AcknowledgementWithheld', 'store-complaint', 'Acknowledgements withheld (over 5 an address a day)'),
      ]),
      graph('API latency (ms)', [
        props.api.api.metricLatency({ period, statistic: 'p50', label: 'p50' }),
        props.api.api.metricLatency({ period, statistic: 'p99', label: 'p99' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Queues: messages waiting',
        queues.map((q) => q.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: q.node.id })),
      ),
      graph(
        'Queues: age of oldest message (s)',
        queues.map((q) => q.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum', label: q.node.id })),
      ),
      graph(
        'Dead letters, failed runs and starts',
        deadLetters.map((q) => q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: deadLetterName(q) })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Function errors',
        functions.map((f) => f.fn.metricErrors({ period, statistic: 'Sum', label: f.name })),
        12,
      ),
      graph(
        'Function throttles',
        functions.map((f) => f.fn.metricThrottles({ period, statistic: 'Sum', label: f.name })),
        12,
      ),
    );
    this.dashboard.addWidgets(
      graph('Escalations', [
        summed('Opened', [figure('EscalationOpened', 'store-complaint'), figure('EscalationOpened', 'store-survey-answer')]),
        figure('EscalationsWarned', 'watch-escalation-slas', 'Warned'),
        figure('EscalationsEscalated', 'watch-escalation-slas', 'Escalated a level'),
        figure('EscalationsBreached', 'watch-escalation-slas', 'Breached'),
      ]),
      graph('Surveys', [
        figure('InvitationSent', 'send-invitation-email', 'Invitations sent'),
        figure('ReminderSent', 'send-invitation-email', 'Reminders sent'),
        figure('SurveyResponseStored', 'store-survey-answer', 'Answered'),
        figure('AddressSuppressed', 'record-delivery-events', 'Bounced or complained'),
      ]),
      new GraphWidget({
        title: 'SES reputation (account)',
        left: ['Reputation.BounceRate', 'Reputation.ComplaintRate'].map(
          (metricName) =>
            new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.minutes(15), label: metricName.replace('Reputation.', '') }),
        ),
        width: 8,
        height: 6,
      }),
    );
    new CfnOutput(this, 'DashboardUrl', {
      key: 'DashboardUrl',
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards/dashboard/${stack.stackName}`,
    });
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: Math.min(12, 2 + Math.ceil(alarms.length / 4)) }));
  }
}
