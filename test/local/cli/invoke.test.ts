import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { sqsEvent, sqsRecord } from '../../helpers/events.ts';
import { validArticleFeedback } from '../../helpers/submissions.ts';
import { printedJson, runInSecondTerminal, pipelineForTheseTests } from './local-pipeline-process.ts';

// The README's `npm run invoke -- <function> [event.json]`, typed in a second terminal next to a
// running `npm start`: one function run once in a worker with its template environment.
describe('npm run invoke', () => {
  const pipeline = pipelineForTheseTests('npm start');

  it('runs an HTTP function with a sample request and prints its answer, although other routes have authorizers', () => {
    const result = runInSecondTerminal('npm run invoke -- submit-complaint', pipeline().dataDir);

    expect(result.status, result.stdout + result.stderr).toBe(0);
    const answer = printedJson(result.stdout) as { statusCode: number; body: string };
    // The sample's body is `{}`: the function's own refusal shows it ran.
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('runs a function behind the Lambda authorizer with what the authorizer passes on', () => {
    const result = runInSecondTerminal('npm run invoke -- record-case-resolution', pipeline().dataDir);

    expect(result.status, result.stdout + result.stderr).toBe(0);
    // The integration-key authorizer answers a simple `isAuthorized: true`, with no context.
    expect(result.stderr).toContain(
      '[local] sample event: POST /cases/resolved with body {}, passed by integration-key: requestContext.authorizer {"lambda":{}}',
    );
    expect(printedJson(result.stdout)).toMatchObject({ statusCode: 400 });
  });

  it("runs a function behind the JWT authorizer with the verified claims of the local admin's token", () => {
    const result = runInSecondTerminal('npm run invoke -- supervisor-api', pipeline().dataDir);

    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(/passed by supervisor-jwt: requestContext.authorizer \{"jwt":\{"claims":\{.*"cognito:groups":"\[admin\]"/);
    // GET /escalations answers 200 only to a caller whose claims name a role.
    const answer = printedJson(result.stdout) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('escalations');
  });

  it('runs a queue consumer with one sample record, which it refuses as a poison message', () => {
    const result = runInSecondTerminal('npm run invoke -- store-feedback', pipeline().dataDir);

    // `{}` is not a feedback message; Powertools fails a batch whose every record failed, so SQS retries it.
    expect(result.status).toBe(1);
    expect(printedJson(result.stdout)).toMatchObject({ errorType: 'FullBatchFailureError' });
    expect(result.stderr).toContain('sample event: one SQS record of');
    expect(result.stderr).toMatch(/\[store-feedback\] ERROR "Message not stored.*error=\{"name":"PoisonMessageError","code":"invalid_message"/);
  });

  it.each([
    ['npm run invoke -- watch-escalation-slas', { escalated: 0, warned: 0, breached: 0 }],
    ['npm run invoke -- dispatch-invitations', { invitations: 0, reminders: 0 }],
  ])('runs a scheduled function with the input its schedule target gives it: %s', (commandLine, report) => {
    const result = runInSecondTerminal(commandLine, pipeline().dataDir);

    expect(result.status, result.stdout + result.stderr).toBe(0);
    // The Scheduler target's Input, {"scheduledTime":"<aws.scheduler.scheduled-time>"}, with the time filled in.
    expect(result.stderr).toMatch(/\[local\] sample event: what schedule \S+ sends when it fires now: \{"scheduledTime":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}/);
    expect(printedJson(result.stdout)).toMatchObject(report);
  });

  it('runs a function with the event in a file, and the consumer stores the message', async () => {
    const feedbackId = randomUUID();
    const message = { type: 'feedback.accepted', version: 1, feedbackId, acceptedAt: '2026-11-25T10:00:00.000Z', submission: validArticleFeedback() };
    const eventFile = join(pipeline().dataDir, 'feedback-event.json');
    await writeFile(eventFile, JSON.stringify(sqsEvent(sqsRecord(message))));

    const result = runInSecondTerminal(`npm run invoke -- store-feedback ${eventFile}`, pipeline().dataDir);

    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(printedJson(result.stdout)).toEqual({ batchItemFailures: [] });
    const dynamodb = new DynamoDBClient(localClientConfig(pipeline().connection.dynamodbEndpoint));
    const stored = await dynamodb.send(
      new GetItemCommand({ TableName: pipeline().connection.tableName, Key: { pk: { S: `FEEDBACK#${feedbackId}` }, sk: { S: 'FEEDBACK' } } }),
    );
    dynamodb.destroy();
    expect(stored.Item?.['comment']).toEqual({ S: validArticleFeedback().comment });
  });

  it('asks for an event file for a function that nothing in the template triggers', () => {
    const result = runInSecondTerminal('npm run invoke -- rotate-signing-key', pipeline().dataDir);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('rotate-signing-key has no route, queue or schedule to build a sample event from: give an event file.');
  });

  it('lists the functions when the name is none of them', () => {
    const result = runInSecondTerminal('npm run invoke -- submit-complain', pipeline().dataDir);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No function named submit-complain\. The functions are: .*\bsubmit-complaint\b.*\bstore-feedback\b/);
  });
});
