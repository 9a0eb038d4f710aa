import { SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
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
 * RedrivePolicy can point at the local ARN of its target. A queue fauxqs restored from its data
 * folder keeps its messages: only its attributes are brought up to date with the template.
 *
 * `overrides.visibilityTimeoutSeconds` replaces every queue's visibility timeout; tests use it so
 * that a failing message reaches its dead-letter queue in seconds rather than 5 x 3 minutes.
 *
 * @example
 * const queues = await provisionQueues(fauxqs, sqs, template);
 */
export async function provisionQueues(
  fauxqs: FauxqsServer,
  sqs: SQSClient,
  template: CfnTemplate,
  overrides: { visibilityTimeoutSeconds?: number } = {},
): Promise<LocalQueue[]> {
  const pending = readResources(template, 'AWS::SQS::Queue');
  const created = new Map<string, LocalQueue>();
  while (pending.length > 0) {
    const index = pending.findIndex(([, props]) => redriveTarget(props) === undefined || created.has(redriveTarget(props)!));
    if (index === -1) throw new Error(`Cannot order queues by their redrive targets: ${pending.map(([id]) => id).join(', ')}`);
    const [[logicalId, props]] = pending.splice(index, 1) as [[string, QueueProps]];
    const name = queueName(logicalId, props);
    const attributes = queueAttributes(logicalId, props, queueValues([...created.values()]));
    if (overrides.visibilityTimeoutSeconds !== undefined) attributes['VisibilityTimeout'] = String(overrides.visibilityTimeoutSeconds);
    const restored = fauxqs.inspectQueue(name);
    if (restored === undefined) {
      const { queueUrl, queueArn } = fauxqs.createQueue(name, { attributes });
      created.set(logicalId, { logicalId, name, url: queueUrl, arn: queueArn });
      continue;
    }
    // Never create a restored queue again: fauxqs 2 replaces its row, and the cascade deletes
    // every message it holds. Its URL still names the port of the run that created it.
    const url = new URL(restored.url);
    url.port = String(fauxqs.port);
    const { FifoQueue: _immutable, ...changeable } = attributes;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url.href, Attributes: changeable }));
    created.set(logicalId, { logicalId, name, url: url.href, arn: restored.arn });
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
