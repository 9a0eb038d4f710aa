/*
 * Key design (single table, every key a string):
 *
 * | item      | pk                     | sk          | gsi1pk                          | gsi1sk                       |
 * |-----------|------------------------|-------------|---------------------------------|------------------------------|
 * | complaint | COMPLAINT#<complaintId> | COMPLAINT  | COMPLAINTS#<yyyy-mm>            | <acceptedAt>#<complaintId>   |
 * | feedback  | FEEDBACK#<feedbackId>  | FEEDBACK    | FEEDBACK#<kind>#<yyyy-mm>       | <acceptedAt>#<feedbackId>    |
 *
 * Access patterns:
 * - complaint status by id: GetItem pk=COMPLAINT#<id>, sk=COMPLAINT;
 * - complaints accepted in a month, newest first: Query gsi1 gsi1pk=COMPLAINTS#<yyyy-mm>, ScanIndexForward=false;
 * - feedback of one kind in a month, newest first: Query gsi1 gsi1pk=FEEDBACK#<kind>#<yyyy-mm>, ScanIndexForward=false;
 * - retention: DynamoDB TTL deletes an item once `expiresAt` (epoch seconds) has passed.
 *
 * Survey items (customer history and contact, invitations, responses, case pointers, the decision
 * log, address suppressions and the sparse `INVITATIONS_DUE` and `REMINDERS_DUE` partitions of gsi1)
 * share this table; their keys are in functions/surveys/contracts/survey-item-keys.ts, and each survey
 * adapter beside it names the access patterns it serves.
 *
 * Escalations and their append-only audit trail use gsi1 (team and status, newest first), gsi2
 * (team and status, most overdue first) and gsi3 (sparse: unacknowledged escalations by
 * acknowledgement due time); see functions/escalation/adapters/dynamodb-escalation-store.ts.
 */
import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * What every table of the pipeline is: string keys `pk` and `sk`, on demand, point-in-time
 * recovery, AWS-managed encryption, TTL on `expiresAt` (epoch seconds), retained unless told.
 */
export const pipelineTableProps = (removalPolicy = RemovalPolicy.RETAIN): TableProps => ({
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  sortKey: { name: 'sk', type: AttributeType.STRING },
  billingMode: BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  encryption: TableEncryption.AWS_MANAGED,
  timeToLiveAttribute: 'expiresAt',
  removalPolicy,
});

export interface FeedbackTableProps {
  /** @default RemovalPolicy.RETAIN: complaints and feedback outlive the stack. */
  readonly removalPolicy?: RemovalPolicy;
}

/** The one table holding complaints and feedback; grants set `TABLE_NAME` with the permission. */
export class FeedbackTable extends Construct {
  public static readonly gsi1 = 'gsi1';
  public static readonly gsi2 = 'gsi2';
  public static readonly gsi3 = 'gsi3';
  public readonly table: Table;

  constructor(scope: Construct, id: string, props: FeedbackTableProps = {}) {
    super(scope, id);
    // A plain AWS::DynamoDB::Table (not TableV2's GlobalTable): one region is enough, and the
    // local runtime maps it to CreateTable on DynamoDB Local one to one.
    this.table = new Table(this, 'Table', {
      ...pipelineTableProps(props.removalPolicy),
      // Old and new images: the report counters (feedback-reports.ts) move by the difference.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: FeedbackTable.gsi1,
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    // CloudFormation adds one index per stack update to an existing table: a table deployed before
    // these two needs them added in two deployments.
    for (const indexName of [FeedbackTable.gsi2, FeedbackTable.gsi3]) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: `${indexName}pk`, type: AttributeType.STRING },
        sortKey: { name: `${indexName}sk`, type: AttributeType.STRING },
      });
    }
    // For `npm run admin -- seed-directory --table <TableName>` after the first deploy.
    new CfnOutput(this, 'TableName', { key: 'TableName', value: this.table.tableName });
  }

  /**
   * Lets the supervisor API read escalations (GetItem, Query on the table and the listing indexes
   * gsi1 and gsi2) and change them by conditional PutItem. No UpdateItem or DeleteItem: nothing
   * the API runs can edit or remove an audit entry, which is only ever put once.
   */
  public grantEscalationAccessTo(fn: LambdaFunction): void {
    const indexArn = (indexName: string) => `${this.table.tableArn}/index/${indexName}`;
    this.grantTo(fn, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], [this.table.tableArn]);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [indexArn(FeedbackTable.gsi1), indexArn(FeedbackTable.gsi2)] }));
  }

  /**
   * Lets `fn` mark survey answers (`PUT /responses/{invitationId}/about-product`): UpdateItem of
   * items whose key starts `INVITATION#` only (an invitation's response), nothing else.
   */
  public grantResponseMarkingTo(fn: LambdaFunction): void {
    this.grantOnKeysTo(fn, ['dynamodb:UpdateItem'], 'INVITATION#*');
  }

  /**
   * Lets `fn` delete an expired escalation's audit entries: Query and DeleteItem of
   * items whose key starts `ESCALATION#` only.
   */
  public grantAuditTrailExpiryTo(fn: LambdaFunction): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    this.grantOnKeysTo(fn, ['dynamodb:Query', 'dynamodb:DeleteItem'], 'ESCALATION#*');
  }

  /**
   * Lets the SLA watcher find due work on gsi3 (Query), read an escalation again after a lost race
   * (GetItem) and write each step as a TransactWriteItems of conditional Puts (escalation, audit
   * entry, outbox item). No UpdateItem or DeleteItem.
   */
  public grantSlaWatcherTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:GetItem', 'dynamodb:PutItem'], [this.table.tableArn]);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${this.table.tableArn}/index/${FeedbackTable.gsi3}`] }));
  }

  /** Lets `fn` create items (PutItem only: consumers write each business item once, conditionally). */
  public grantWriteTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:PutItem'], [this.table.tableArn]);
  }

  /** Lets `fn` read items by key (GetItem only; listing on gsi1 gets its own grant when a reader needs it). */
  public grantReadTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:GetItem'], [this.table.tableArn]);
  }

  /**
   * Lets `fn` use a survey adapter (the dynamodb-*.ts beside survey-item-keys.ts in
   * functions/<feature>/adapters/): reads by key, batch and query (table and gsi1), and the
   * conditional puts, updates and transactions they write with (intake, campaigns, dispatcher,
   * mailer, delivery events).
   */
  public grantSurveyStoreTo(fn: LambdaFunction): void {
    this.grantTo(
      fn,
      ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
      [this.table.tableArn, `${this.table.tableArn}/index/${FeedbackTable.gsi1}`],
    );
  }

  /**
   * Lets `fn` change items in place, alone or in TransactWriteItems (which IAM checks per
   * action: PutItem, UpdateItem, ConditionCheckItem), e.g. a survey answer with its invitation's state.
   */
  public grantUpdatesTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], [this.table.tableArn]);
  }

  /**
   * Lets `fn` send from the notification outbox: claim and mark outbox items (UpdateItem, only on
   * `NOTIFICATION#` keys) and read the complaint and escalation an email is about (GetItem,
   * BatchGetItem). See functions/escalation/adapters/dynamodb-notification-outbox.ts.
   */
  public grantOutboxSendingTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:GetItem', 'dynamodb:BatchGetItem'], [this.table.tableArn]);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['NOTIFICATION#*'] } },
      }),
    );
  }

  /**
   * Lets the reports API export items: Query on gsi1 only (complaints and responses by month,
   * feedback by kind and month, escalations by team and status); no read by key, no write.
   */
  public grantExportQueryTo(fn: LambdaFunction): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${this.table.tableArn}/index/${FeedbackTable.gsi1}`] }));
  }

  /** Lets `fn` list pending outbox items (Query on gsi1, where they sit on `NOTIFICATIONS_PENDING` until sent). */
  public grantOutboxQueryTo(fn: LambdaFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${this.table.tableArn}/index/${FeedbackTable.gsi1}`] }));
  }

  /**
   * Lets the complaint consumer store a complaint with its escalation in one TransactWriteItems:
   * reads (GetItem, BatchGetItem), conditional PutItem of the complaint, escalation, audit and
   * outbox items, UpdateItem of the complainant log and round-robin items.
   */
  public grantComplaintEscalationTo(fn: LambdaFunction): void {
    this.grantTo(fn, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'], [this.table.tableArn]);
    // The complainant's log and the round-robin cursor are updated in place (UpdateItem in the transaction), nothing else.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINANT#*', 'ROUND_ROBIN'] } },
      }),
    );
  }

  /**
   * Lets the supervisor API, when it resolves, mark the complaint resolved (UpdateItem only on
   * `COMPLAINT#` keys, in the resolve's transaction), next to its outbox item, and start its
   * retention then (`COMPLAINT_RETENTION_DAYS`, days after the resolution).
   */
  public grantComplaintResolutionTo(fn: LambdaFunction, retentionDaysAfterResolution: number): void {
    fn.addEnvironment('COMPLAINT_RETENTION_DAYS', String(retentionDaysAfterResolution));
    this.grantOnKeysTo(fn, ['dynamodb:UpdateItem'], 'COMPLAINT#*');
  }

  /**
   * Lets `fn` read and change the supervisor directory only (GetItem, and the PutItems of its
   * versioned change with its audit entry, both under the `DIRECTORY` partition): the accounts API,
   * which holds the user pool's admin rights, can touch no escalation, complaint or survey item.
   */
  public grantDirectoryChangeTo(fn: LambdaFunction): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DIRECTORY'] } },
      }),
    );
  }

  /** `actions` on the table's items whose partition key matches `keyPattern` (`COMPLAINT#*`), nothing else. */
  private grantOnKeysTo(fn: LambdaFunction, actions: string[], keyPattern: string): void {
    fn.addToRolePolicy(
      new PolicyStatement({ actions, resources: [this.table.tableArn], conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [keyPattern] } } }),
    );
  }

  private grantTo(fn: LambdaFunction, actions: string[], resources: string[]): void {
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
    fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
  }
}
