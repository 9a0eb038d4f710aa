import { Aspects, CfnOutput, type IAspect, Stack, Validations } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';

export interface PipelineAlarmsProps {
  /**
   * An address subscribed to the alarm topic (it confirms by the link AWS emails it).
   * @default - none: subscribe a chat or paging tool to the `AlarmTopicArn` output
   */
  readonly alarmEmail?: string;
}

/**
 * Where every alarm of the stack goes: one SNS topic, which an address (a stack setting) and any
 * chat or paging tool subscribe to. Every `Alarm` in the stack, whichever construct made it, gets
 * the topic as its alarm and OK action (an aspect, so a new alarm cannot be left without one).
 */
export class PipelineAlarms extends Construct {
  public readonly topic: Topic;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Support feedback pipeline alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries alarm state changes (alarm names, metric values), never personal data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key would cost more than the data warrants.',
    });
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    new CfnOutput(this, 'AlarmTopicArn', { key: 'AlarmTopicArn', value: this.topic.topicArn, description: 'Subscribe a chat or paging tool here.' });
    Aspects.of(Stack.of(this)).add(new NotifyEveryAlarm(new SnsAction(this.topic)));
  }
}

/** Adds the topic as the alarm and OK action of every `Alarm` it visits. */
class NotifyEveryAlarm implements IAspect {
  private readonly notified = new WeakSet<Alarm>();

  constructor(private readonly action: SnsAction) {}

  visit(node: IConstruct): void {
    if (!(node instanceof Alarm) || this.notified.has(node)) return;
    this.notified.add(node);
    node.addAlarmAction(this.action);
    node.addOkAction(this.action);
  }
}
