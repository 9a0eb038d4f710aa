import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './local-pipeline-process.ts';
import { documentedCommands } from './readme-commands.ts';

/** How a command README.md or a docs/ page shows is checked: the test file that runs it, or why none does. */
type Coverage = { readonly runBy: string } | { readonly needsAws: string } | { readonly notRun: string };

const cliTests = 'test/local/cli';
const startedEachTime = 'each starts its own local pipeline (a full synthesis and start, about a minute here)';

// Every command README.md and docs/*.md show. A key ending in `…` stands for the commands that
// start with it. A new command on any of those pages fails the first test below until it is added here.
const coverage: Readonly<Record<string, Coverage>> = {
  'npm start': { runBy: `${cliTests}/invoke.test.ts` },
  'npm run dev': { runBy: `${cliTests}/try-it.test.ts` },
  'npm run demo': { runBy: `${cliTests}/demo.test.ts` },
  'npm run invoke': { runBy: `${cliTests}/invoke.test.ts` },
  'npm run invoke -- <function> [event.json]': { runBy: `${cliTests}/invoke.test.ts` },
  'STATUS_URL=$(curl -s -X POST localhost:3000/complaints …': { runBy: `${cliTests}/try-it.test.ts` },
  'curl -s "$STATUS_URL"': { runBy: `${cliTests}/try-it.test.ts` },
  'curl -s -X POST localhost:3000/feedback …': { runBy: `${cliTests}/try-it.test.ts` },
  'npx node --input-type=module -e …': { runBy: `${cliTests}/try-it.test.ts` },
  'npm run token': { runBy: `${cliTests}/try-it.test.ts` },
  'npm run token -- <userId>': { runBy: `${cliTests}/try-it.test.ts` },
  'npm run redrive': { runBy: `${cliTests}/try-it.test.ts` },
  'curl -X POST $controlUrl/schedules/relationship-survey-campaign/run': { runBy: `${cliTests}/try-it.test.ts` },

  'npx cdk bootstrap': { needsAws: 'bootstraps an AWS account and region' },
  'npx cdk deploy': { needsAws: 'deploys the stack to an AWS account' },
  'npx cdk deploy -c stage=staging': {
    needsAws: 'deploys a second stage (test/infra/stage-settings.test.ts synthesizes two stages in one app and finds no clash)',
  },
  'npx cdk deploy -c alarmEmail=oncall@example.com': {
    needsAws: 'deploys the stack with an alarm subscription (test/infra/constructs/pipeline-alarms.test.ts checks the setting)',
  },
  'npx cdk destroy': { needsAws: 'deletes the deployed stack' },
  'aws cloudformation describe-stack-resources …': { needsAws: 'lists the deployed stack with the AWS CLI' },
  'while read -r type id; do …': { needsAws: 'deletes retained resources with the AWS CLI' },
  'npm run admin -- seed-directory --table <TableName>': {
    needsAws: 'loads the seed directory into the deployed table (its local form is run by test/local/cli/admin.test.ts)',
  },
  'npm run admin -- rotate-integration-key --secret <IntegrationKeySecretArn>': { runBy: 'test/integration/surveys/integration-key-rotation.test.ts' },
  'npm run admin -- backfill-survey-retention --table <TableName>': { runBy: 'test/local/cli/admin.test.ts' },
  'npm run admin -- erase-customer <id|email> --table <TableName>': { runBy: 'test/integration/erasure/erase-customer.test.ts' },
  'npm run admin -- rotate-integration-key --retire-previous --secret <IntegrationKeySecretArn>': {
    runBy: 'test/integration/surveys/integration-key-rotation.test.ts',
  },
  'aws secretsmanager get-secret-value …': { needsAws: "reads the deployed integration key with the AWS CLI (the local pipeline's is in local.json)" },
  'npm run admin -- create-user …': {
    needsAws:
      "creates users in the deployed stack's pool and table (the same command, AWS path, is run by test/local/cli/admin.test.ts and an integration test)",
  },
  'aws sqs start-message-move-task --source-arn <dead-letter queue ARN>': { needsAws: "the AWS CLI's redrive, for the deployed queues" },
  'aws dynamodbstreams get-shard-iterator --shard-iterator-type AT_SEQUENCE_NUMBER': {
    needsAws: "reads the deployed table's stream records the report counters gave up",
  },
  'aws athena …': { needsAws: 'runs a query over the analytics copy in the deployed work group (docs/reports.md)' },
  'aws acm request-certificate …': { needsAws: "requests the custom domain's certificate in ACM" },
  'aws sts get-caller-identity': { needsAws: 'names the AWS identity the credentials resolve to' },
  'aws sesv2 …': { needsAws: 'verifies an SES identity or asks to leave the SES sandbox in the deploying account (docs/deploy.md)' },
  'npm run smoke -- <ApiUrl> --integration-key <key>': { runBy: 'test/integration/intake/smoke-test.test.ts' },
  'npx cdk diff -c stage=<stage>': { needsAws: "compares a deployed stage's stack with the new template" },
  'npx cdk deploy -c stage=<stage>': { needsAws: 'deploys a named stage (test/infra/stage-settings.test.ts synthesizes stages)' },
  'npx cdk deploy --all -c stage=<stage>': { needsAws: 'deploys a stage with its edge firewall stack (test/infra/edge-firewall.test.ts synthesizes both)' },
  'npx cdk destroy --all -c stage=<stage>': { needsAws: 'deletes a stage and its edge firewall stack' },
  'npx cdk bootstrap aws://<account>/us-east-1': { needsAws: "bootstraps us-east-1 for the edge firewall's web ACL" },
  'aws service-quotas …': { needsAws: "reads or raises the account's Lambda concurrency quota (docs/runbook.md)" },
  'aws lambda …': { needsAws: 'inspects or invokes a deployed function or its event source mapping (docs/runbook.md)' },
  'aws sqs purge-queue …': { needsAws: "empties a deployed schedule's failed-runs queue (docs/runbook.md)" },
  'aws sqs receive-message …': { needsAws: 'reads a failed campaign start from the deployed FailedStarts queue (docs/runbook.md)' },
  'aws sqs delete-message …': { needsAws: 'deletes a handled failed start (docs/runbook.md)' },
  'aws scheduler …': { needsAws: 'reads or disables a deployed schedule (docs/runbook.md)' },
  'aws dynamodb scan --endpoint-url <dynamodbEndpoint> --table-name <tableName>': {
    needsAws: 'needs the AWS CLI, which the project does not install; the `npx node` scan beside it is run',
  },

  'npm install': { notRun: 'needs the npm registry and rewrites node_modules; every test runs after it' },
  'npm test': { notRun: 'the suite itself' },
  'FC_SEED=<n> npm test': { notRun: 'the suite itself, with another property-test seed' },
  'npm run test:year-ahead': { notRun: 'the last step of `npm test` itself (package.json), so every CI run runs it' },
  'npm run lint': { notRun: '`npm test` runs the same `biome check .`' },
  'npm run lint:dead': { runBy: 'test/unit/dead-code.test.ts' },
  'npm run format': { notRun: 'rewrites the working tree; `npm run lint` checks the formatting' },
  'npm run api-doc': {
    notRun: 'writes docs/openapi.json and docs/api.md; test/unit/docs/openapi-document.test.ts fails when either differs from what it writes',
  },
  'cdk synth': { notRun: '`npm run synth` (`cdk synth --quiet`, the same CLI and app) is run by test/local/cli/synth.test.ts' },
  'npx cdk synth': { notRun: '`npm run synth` (`cdk synth --quiet`, the same CLI and app) is run by test/local/cli/synth.test.ts' },
  'LOCAL_LOGS=off npm start': { notRun: `\`npm start\` with its function logs silenced; ${startedEachTime}` },
  'SURVEY_INVITATION_DELAY_HOURS=0 npm start': {
    notRun: `\`npm start\` with a policy override (test/infra/survey-settings.test.ts checks the override); ${startedEachTime}`,
  },
  'LOCAL_CLOCK_OFFSET=+5h npm start': { notRun: `\`npm start\` with a clock offset (test/local/schedules fire with one); ${startedEachTime}` },
  'LOCAL_CLOCK_OFFSET=+36h npm start': { notRun: `\`npm start\` with a clock offset (test/local/schedules fire with one); ${startedEachTime}` },
  'rm -rf .data': { notRun: "deletes the developer's local state" },
  '| jq -r .statusUrl': { notRun: 'an alternative to the `node -pe` of the complaint command, which is run; jq may be missing' },

  'npm run bench': { notRun: 'runs bench:size, bench:cold-start and bench:cpu in sequence (minutes)' },
  'npm run bench:size': { notRun: 'bundles every function and its bare twin with esbuild' },
  'npm run bench:counters': { notRun: 'starts its own DynamoDB Local and writes 11,000 answers through the counters (minutes)' },
  'npm run bench:cold-start': { notRun: 'bundles every function and its twin, then 15 alternating cold-start pairs each' },
  'npm run bench:cold-start -- --pairs=40 <function…>': { notRun: 'bundles the functions named, then 40 alternating cold-start pairs each' },
  'npm run bench:source-maps': { notRun: 'bundles four functions twice, then 15 alternating cold-start pairs each' },
  'npm run bench:directory': { notRun: 'times thousands of directory refreshes in one process' },
  'npm run bench:directory-cold-start': { notRun: 'bundles supervisor-api, then 15 alternating pairs of a fresh node each' },
  'npm run bench:cpu': { notRun: 'bundles every function and its twin, then times thousands of events each' },
  'npm run bench:latency': { notRun: startedEachTime },
  'npm run bench:load -- 500 60': { notRun: `one minute of load at 500/s; ${startedEachTime}` },
  'npm run bench:campaign': { notRun: `a 1,000-customer campaign at 2/s; ${startedEachTime}` },
  'npm run bench:dispatch': { notRun: `1,000 invitations through the mailer; ${startedEachTime}` },
  'npm run bench:survey-page -- 20': { notRun: startedEachTime },
  'npm run bench:supervisor -- 20': { notRun: startedEachTime },
  'npm run bench:cost -- 200': { notRun: `three answer flows of 200 answers; ${startedEachTime}` },
  'npm run bench:cost -- [answers] [answers per second]': { notRun: `three answer flows; ${startedEachTime}` },
  'npm run bench:complaint-email': { notRun: `includes the answer queue's 5 s window per low score; ${startedEachTime}` },
  'npm run bench:complaint-email -- 20': { notRun: `includes the answer queue's 5 s window per low score; ${startedEachTime}` },
  'npm run bench:console': { notRun: `10 cold loads of each page in Chromium; ${startedEachTime}` },
};

const normalized = (text: string): string => text.replace(/\s+/g, ' ').trim();
const commandsShown = documentedCommands();
// A fragment of a block command named in the prose (`node -pe`) is run with that command.
const fragmentsOfBlocks = (text: string): boolean =>
  commandsShown.some((shown) => shown.where === 'shell block' && shown.text !== text && normalized(shown.text).includes(normalized(text)));
const distinctCommands = [...new Set(commandsShown.map((command) => command.text))].filter((text) => !fragmentsOfBlocks(text));
const coverageOf = (text: string): [string, Coverage] | undefined =>
  Object.entries(coverage).find(([key]) => (key.endsWith('…') ? normalized(text).startsWith(key.slice(0, -1)) : normalized(text) === key));

/**
 * Whether a test file runs the command: it holds it literally, with each `<placeholder>` filled
 * in and each `[optional part]` given or not, or takes it from README.md by a prefix of it
 * (`readmeCommand('…')`).
 */
function runsCommand(testSource: string, text: string): boolean {
  const placeholder = (part: string): string =>
    part
      .split(/(<[^>]+>)/)
      .map((piece) => (/^<[^>]+>$/.test(piece) ? '\\S+' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
  const pattern = normalized(text)
    .split(/(\s?\[[^\]]+\])/)
    .map((piece) => (/^\s?\[[^\]]+\]$/.test(piece) ? `(?: ${placeholder(piece.trim().slice(1, -1))})?` : placeholder(piece)))
    .join('');
  if (new RegExp(`['"\`]${pattern}['"\`\\s]`).test(testSource)) return true;
  return [...testSource.matchAll(/readmeCommand\('([^']+)'\)/g)].some(([, prefix]) => normalized(text).startsWith(normalized(prefix!)));
}

describe('the commands README.md and docs/*.md show', () => {
  it('are each run by a test or listed with why not', () => {
    const unlisted = distinctCommands
      .filter((text) => coverageOf(text) === undefined)
      .map((text) => `${text} (${commandsShown.find((shown) => shown.text === text)?.page})`);

    expect(unlisted, 'commands shown that no test runs and the table above does not list').toEqual([]);
  });

  it('are read from every page in docs/, not from README.md alone', () => {
    const pages = new Set(commandsShown.map((shown) => shown.page));

    expect([...pages]).toEqual(expect.arrayContaining(['README.md', 'docs/deploy.md', 'docs/local-mode.md', 'docs/surveys.md']));
  });

  it.each(
    distinctCommands.flatMap((text) => {
      const found = coverageOf(text);
      return found !== undefined && 'runBy' in found[1] ? [[text, found[1].runBy]] : [];
    }),
  )('%s is run by %s', (text, testFile) => {
    const source = readFileSync(join(projectRoot, testFile), 'utf8');

    expect(runsCommand(source, text)).toBe(true);
  });

  it('lists nothing README.md and docs/ no longer show', () => {
    const stale = Object.keys(coverage).filter((key) => !distinctCommands.some((text) => coverageOf(text)?.[0] === key));

    expect(stale).toEqual([]);
  });

  it.each([
    ["spawn('npm run invoke -- submit-complaint')", 'npm run invoke -- <function> [event.json]', true],
    ["run('npm run invoke -- store-feedback event.json')", 'npm run invoke -- <function> [event.json]', true],
    ["run('npm run invoke')", 'npm run invoke -- <function> [event.json]', false],
    ["run('npm run token -- admin-grace')", 'npm run token -- <userId>', true],
    ["readmeCommand('curl -s -X POST localhost:3000/feedback')", 'curl -s -X POST localhost:3000/feedback -H x', true],
    ["readmeCommand('curl -s -X POST localhost:3000/complaints')", 'curl -s -X POST localhost:3000/feedback -H x', false],
    ['// npm run demo is described elsewhere', 'npm run demo', false],
  ])('counts %s as running %s: %s', (source, text, runs) => {
    expect(runsCommand(source, text)).toBe(runs);
  });
});
