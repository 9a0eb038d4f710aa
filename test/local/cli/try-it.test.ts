import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { validArticleFeedback } from '../../helpers/submissions.ts';
import { printedJson, runInSecondTerminal, pipelineForTheseTests } from './local-pipeline-process.ts';
import { readmeCommand } from './readme-commands.ts';

// The README's "Try it" commands (and the other commands README.md and docs/*.md give for a
// running pipeline), taken from the pages as written and run with bash in a second terminal next to
// `npm run dev`; only the port and the data folder (.data/) are the test's own. An edit of a page
// that breaks one fails here.
describe("README's Try it, as written", () => {
  const pipeline = pipelineForTheseTests('npm run dev');
  const asWritten = (text: string): string =>
    text.replaceAll('localhost:3000', new URL(pipeline().connection.apiUrl).host).replaceAll('.data/', `${pipeline().dataDir}/`);
  const run = (text: string, env: Record<string, string> = {}) => runInSecondTerminal(asWritten(text), pipeline().dataDir, env);

  it('files a complaint and follows its status link to the status the README shows', async () => {
    const fileComplaint = readmeCommand('STATUS_URL=$(curl');
    const followLink = readmeCommand('curl -s "$STATUS_URL"');
    const shownStatus = /"status":"(\w+)"/.exec(followLink.comment ?? '')?.[1];

    const filed = run(`${fileComplaint.text}\nprintf '%s' "$STATUS_URL"`);

    expect(filed.stderr).toBe('');
    expect(filed.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/complaints\/status\?token=\S+$/);
    // The consumer stores it within moments: until then the link answers `queued`.
    let status: { reference: string; status: string } = { reference: '', status: 'queued' };
    for (const deadline = Date.now() + 30_000; status.status === 'queued' && Date.now() < deadline; ) {
      status = JSON.parse(run(followLink.text, { STATUS_URL: filed.stdout }).stdout);
      if (status.status === 'queued') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status.reference).toMatch(/^CMP-[0-9A-Z]{8}$/);
    expect(status.status).toBe(shownStatus);
  });

  it('gives feedback on an article, answered as the README shows, and the table scan lists it without a Node.js warning', async () => {
    const giveFeedback = readmeCommand('curl -s -X POST localhost:3000/feedback');
    const scan = readmeCommand('npx node --input-type=module -e');

    const given = run(giveFeedback.text);

    const shownKeys = [...(giveFeedback.comment ?? '').matchAll(/"(\w+)":/g)].map((match) => match[1]);
    expect(Object.keys(JSON.parse(given.stdout))).toEqual(shownKeys);
    let scanned = run(scan.text);
    for (const deadline = Date.now() + 30_000; !scanned.stdout.includes("'reset-password'") && Date.now() < deadline; ) scanned = run(scan.text);
    // On the machine's Node.js 20 the AWS SDK prints a NodeVersionSupportWarning here.
    expect(scanned.stderr).toBe('');
    expect(scanned.stdout).toContain("articleId: 'reset-password'");
  });

  it('signs a demo user in through the local pool for a token the supervisor API accepts, valid an hour as Cognito’s', async () => {
    const signedIn = run('npm run token -- sup-general-ana');

    const token = signedIn.stdout.trim().split('\n').at(-1)!;
    const listed = await fetch(`${pipeline().connection.apiUrl}/escalations`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    const { exp, iat } = decodeJwt(token);
    expect(exp! - iat!).toBe(3600);
    expect(decodeJwt(token)).toMatchObject({ 'cognito:username': 'sup-general-ana' });
  });

  it('redrives a dead letter to its queue, where the consumer stores it', async () => {
    const { queues, sqsEndpoint, dynamodbEndpoint, tableName } = pipeline().connection;
    const sqs = new SQSClient(localClientConfig(sqsEndpoint));
    const feedbackQueue = Object.entries(queues).find(([logicalId]) => /^Feedback\w*Queue[0-9A-F]{8}$/.test(logicalId) && !/DeadLetter/.test(logicalId))![1];
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: feedbackQueue.url, AttributeNames: ['RedrivePolicy'] }));
    const deadLetterArn = (JSON.parse(Attributes!.RedrivePolicy!) as { deadLetterTargetArn: string }).deadLetterTargetArn;
    const deadLetterQueue = Object.values(queues).find((queue) => queue.arn === deadLetterArn)!;
    const feedbackId = randomUUID();
    const message = { type: 'feedback.accepted', version: 1, feedbackId, acceptedAt: '2026-11-25T10:00:00.000Z', submission: validArticleFeedback() };
    await sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueue.url, MessageBody: JSON.stringify(message) }));
    sqs.destroy();

    const redriven = run(readmeCommand('npm run redrive').text);

    expect(redriven.status, redriven.stderr).toBe(0);
    expect(redriven.stdout).toContain(`1 message(s) moved from ${deadLetterQueue.url} to ${feedbackQueue.url}`);
    const dynamodb = new DynamoDBClient(localClientConfig(dynamodbEndpoint));
    const key = { pk: { S: `FEEDBACK#${feedbackId}` }, sk: { S: 'FEEDBACK' } };
    let stored = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: key }));
    for (const deadline = Date.now() + 30_000; stored.Item === undefined && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stored = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: key }));
    }
    dynamodb.destroy();
    expect(stored.Item?.['feedbackId']).toEqual({ S: feedbackId });
  });

  it("fires a schedule now through the control endpoint, as the campaign's paragraph in docs/surveys.md shows", () => {
    const fired = run(readmeCommand('curl -X POST $controlUrl/schedules/').text, { controlUrl: pipeline().connection.controlUrl });

    expect(fired.status).toBe(0);
    expect(printedJson(fired.stdout)).toMatchObject({ name: 'relationship-survey-campaign', targets: [{ outcome: 'succeeded' }] });
  });
});
