import type { FauxqsServer } from 'fauxqs';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import type { ResourceProperties } from '../template/resource-schemas.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';

export interface LocalQueue {
  readonly logicalId: string;
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

// Queue properties that are SQS attributes and mean something locally (KMS settings do not).
const queueAttributeNames = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/**
 * Creates every AWS::SQS::Queue of the template in fauxqs, dead-letter queues first so that each
 * RedrivePolicy can point at the local ARN of its target.
 *
 * `overrides.visibilityTimeoutSeconds` replaces every queue's visibility timeout; tests use it so
 * that a failing message reaches its dead-letter queue in seconds rather than 5 x 3 minutes.
 *
 * @example
 * const queues = provisionQueues(fauxqs, template);
 */
export function provisionQueues(
  fauxqs: FauxqsServer,
  template: CfnTemplate,
  overrides: { visibilityTimeoutSeconds?: number } = {},
): LocalQueue[] {
  const pending = readResources(template, 'AWS::SQS::Queue');
  const created = new Map<string, LocalQueue>();
  while (pending.length > 0) {
    const index = pending.findIndex(([, props]) => redriveTarget(props) === undefined || created.has(redriveTarget(props)!));
    if (index === -1) throw new Error(`Cannot order queues by their redrive targets: ${pending.map(([id]) => id).join(', ')}`);
    const [[logicalId, props]] = pending.splice(index, 1) as [[string, QueueProps]];
    const name = queueName(logicalId, props);
    const attributes = queueAttributes(logicalId, props, queueValues([...created.values()]));
    if (overrides.visibilityTimeoutSeconds !== undefined) attributes['VisibilityTimeout'] = String(overrides.visibilityTimeoutSeconds);
    const { queueUrl, queueArn } = fauxqs.createQueue(name, { attributes });
    created.set(logicalId, { logicalId, name, url: queueUrl, arn: queueArn });
  }
  return [...created.values()];
}

/** `Ref` of a queue is its URL; `Fn::GetAtt` gives Arn, QueueName and QueueUrl. */
export function queueValues(queues: readonly LocalQueue[]): LocalResourceValues {
  return {
    refs: new Map(queues.map((queue) => [queue.logicalId, queue.url])),
    attributes: new Map(
      queues.flatMap((queue) => [
        [`${queue.logicalId}.Arn`, queue.arn],
        [`${queue.logicalId}.QueueName`, queue.name],
        [`${queue.logicalId}.QueueUrl`, queue.url],
      ]),
    ),
  };
}

type QueueProps = ResourceProperties<'AWS::SQS::Queue'>;

function queueName(logicalId: string, props: QueueProps): string {
  if (props.QueueName !== undefined) return props.QueueName;
  // CloudFormation adds the mandatory `.fifo` suffix to generated FIFO queue names.
  return props.FifoQueue === true ? `${logicalId}.fifo` : logicalId;
}

function queueAttributes(logicalId: string, props: QueueProps, values: LocalResourceValues): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of queueAttributeNames) {
    if (props[name] !== undefined) attributes[name] = String(props[name]);
  }
  if (props.RedrivePolicy !== undefined) {
    attributes['RedrivePolicy'] = JSON.stringify(resolveIntrinsics(props.RedrivePolicy, values, `${logicalId} RedrivePolicy`));
  }
  return attributes;
}

function redriveTarget(props: QueueProps): string | undefined {
  const target = props.RedrivePolicy?.deadLetterTargetArn;
  const getAtt = (target as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}
