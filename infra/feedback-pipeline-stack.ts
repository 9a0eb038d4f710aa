import { Annotations, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../functions/intake/contracts/complaint-submission.ts';
import type { SurveyPolicySettings, SurveyPolicySettingsInput } from '../functions/surveys/contracts/survey-policy-settings.ts';
import { ComplaintIntake } from './constructs/complaint-intake.ts';
import { FeedbackIntake } from './constructs/feedback-intake.ts';
import { FeedbackReports } from './constructs/feedback-reports.ts';
import { FeedbackTable } from './constructs/feedback-table.ts';
import { EdgeFirewall } from './constructs/edge-firewall.ts';
import { IntegrationAuthorizer } from './constructs/integration-authorizer.ts';
import { LinkSigningKey } from './constructs/link-signing-key.ts';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { type CustomDomain, PublicHttpApi } from './constructs/public-http-api.ts';
import { ReportsApi } from './constructs/reports-api.ts';
import { CAMPAIGN_SCHEDULE_NAME, SurveyCampaigns, type SurveyCampaignsProps } from './constructs/survey-campaigns.ts';
import { DEFAULT_STAGE } from './stage-settings.ts';
import { SurveyIntake } from './constructs/survey-intake.ts';
import { parseSurveyPolicy, surveyPolicyEnvironment } from './survey-settings.ts';
import { parseRetention, type RetentionSettings, type RetentionSettingsInput } from './retention-settings.ts';
import { SurveyPages } from './constructs/survey-pages.ts';
import { SurveyMail } from './constructs/survey-mail.ts';
import { SurveyMailEvents } from './constructs/survey-mail-events.ts';
import { AccountsApi } from './constructs/accounts-api.ts';
import { PipelineAlarms } from './constructs/pipeline-alarms.ts';
import { AnalyticsExport } from './constructs/analytics-export.ts';
import { PipelineDashboard } from './constructs/pipeline-dashboard.ts';
import { SupervisorApi } from './constructs/supervisor-api.ts';
import { SupervisorConsole } from './constructs/supervisor-console.ts';
import { SupervisorSignIn, type SupervisorMfa } from './constructs/supervisor-sign-in.ts';
import { SlaWatcher, type SlaWatcherProps } from './constructs/sla-watcher.ts';
import type { EscalationSettings } from '../functions/escalation/contracts/escalation-settings.ts';
import { EscalationNotifications } from './constructs/escalation-notifications.ts';
import { checkEscalationCalendars, loadEscalationSettings } from './escalation-settings.ts';

export interface FeedbackPipelineStackProps extends StackProps {
  /**
   * The stage this stack is (`-c stage=<name>`): every physical name that must be unique in an
   * account and region, beyond the stack's own, starts with it. @default 'default', whose names carry no prefix
   */
  readonly stage?: string;
  /** @default ['slow-response', 'unresolved', 'attitude', 'wrong-advice', 'billing', 'other'] */
  readonly complaintCategories?: readonly string[];
  /** Public API steady-state requests per second. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Public API burst. @default 100 */
  readonly throttlingBurstLimit?: number;
  /**
   * How long each item kind is kept (TTL), in days, and from when; any field left out keeps its
   * default. An invalid value fails `cdk synth`, naming the setting.
   * @default - feedback 365 days after acceptance, complaints 1095 after resolution, survey items the survey policy's retentionDays (730) after the link expires
   */
  readonly retention?: RetentionSettingsInput;
  /** Days a complaint status link stays valid. @default 180 */
  readonly statusTokenTtlDays?: number;
  /** Days between rotations of the link-signing key; links outlive rotations. @default 90 */
  readonly signingKeyRotationDays?: number;
  /**
   * Where customers reach the API, e.g. a custom domain with a base path
   * (`https://support.example.com/feedback`); every link in answers and emails starts with it.
   * @default - the HTTP API's own endpoint (`https://<api-id>.execute-api.<region>.amazonaws.com`)
   */
  readonly publicBaseUrl?: string;
  /** Web origins allowed to call the public API from a browser. @default ['*'] */
  readonly allowedOrigins?: readonly string[];
  /** A custom domain for the API; links then start with it (unless `publicBaseUrl` says otherwise). @default - none */
  readonly customDomain?: CustomDomain;
  /**
   * Put the API behind CloudFront with an AWS WAF web ACL (EdgeFirewallStack, which
   * addPipelineStage adds in us-east-1); links then start with the distribution's address. Not
   * with `customDomain`, which would reach the API around it. @default - none
   */
  readonly edgeFirewall?: { readonly requestsPerFiveMinutesPerIp?: number };
  /**
   * Keep every change to a counted item, without personal data, in S3 for Athena (AnalyticsExport):
   * the reports' scale path, for questions over years the counters do not answer. @default - none
   */
  readonly analyticsExport?: { readonly retentionDays?: number };
  /**
   * The survey policy (delay, throttles, reminder, expiry, exclusions, reasons); any field left
   * out keeps its default. An invalid policy fails `cdk synth`.
   * @default - every default of surveyPolicySettingsSchema (24 h delay, 30/90-day throttles, …)
   */
  readonly surveyPolicy?: SurveyPolicySettingsInput;
  /** The SES account's sending rate in emails per second: campaigns are staggered by it and each dispatcher run capped by it. @default 14 */
  readonly sesMaxSendRate?: number;
  /** Relationship campaign schedule and sampling. @default - quarterly, every customer seen in 3 months, at most 100,000 */
  readonly surveyCampaign?: Pick<SurveyCampaignsProps, 'schedule' | 'periodMonths' | 'sampleFraction' | 'maxSampleSize'>;
  /**
   * The From address of survey emails. On AWS it must be an SES identity you verified (the
   * address itself, or its domain with DKIM): the stack only grants sending from it.
   * @default 'surveys@example.com' (enough for local mode, refused by SES on AWS)
   */
  readonly senderAddress?: string;
  /** SLA watcher cadence and per-run bounds. @default - every minute, 40 pages of 25, 40 s */
  readonly slaWatcher?: Pick<SlaWatcherProps, 'intervalMinutes' | 'pageSize' | 'maxPages' | 'timeBudgetSeconds'>;
  /** The escalation rules file; a file that does not validate fails `cdk synth`, naming the line. @default 'config/escalation-rules.json' */
  readonly escalationRulesFile?: string;
  /** The supervisor directory file (teams, away flags, emails). @default 'config/supervisor-directory.json' */
  readonly supervisorDirectoryFile?: string;
  /** Supervisors' second factor (TOTP): `off`, `optional` or `required`. @default 'off' */
  readonly supervisorMfa?: SupervisorMfa;
  /** The From address of escalation emails (an SES identity on AWS). @default - senderAddress */
  readonly notificationSenderAddress?: string;
  /**
   * The day of the synthesis as the holiday calendars see it: library calendars reach two years
   * past its year, and synthesis warns when a calendar ends within 60 days of it and fails when
   * one has ended. @default - the time of synthesis
   */
  readonly calendarCheckDate?: Date;
  /**
   * An address subscribed to the topic every alarm notifies (it confirms by AWS's link).
   * @default - none: subscribe to the `AlarmTopicArn` output
   */
  readonly alarmEmail?: string;
}

/** The support feedback and complaint pipeline; it only composes the constructs. */
export class FeedbackPipelineStack extends Stack {
  public readonly api: PublicHttpApi;
  public readonly table: FeedbackTable;
  public readonly reports: FeedbackReports;
  public readonly reportsApi: ReportsApi;
  public readonly complaints: ComplaintIntake;
  public readonly feedback: FeedbackIntake;
  public readonly integration: IntegrationAuthorizer;
  /** Every item kind's retention, validated, defaults filled in; each writer receives its own. */
  public readonly retention: RetentionSettings;
  /** The validated survey policy every survey function receives. */
  public readonly surveyPolicy: SurveyPolicySettings;
  /** `{ SURVEY_POLICY: <json> }`: spread into a survey function's environment; parse it with `surveyPolicySetting`. */
  public readonly surveyPolicyEnvironment: Readonly<Record<string, string>>;
  public readonly surveyIntake: SurveyIntake;
  public readonly surveyCampaigns: SurveyCampaigns;
  public readonly surveyPages: SurveyPages;
  public readonly surveyMail: SurveyMail;
  public readonly surveyMailEvents: SurveyMailEvents;
  public readonly supervisorSignIn: SupervisorSignIn;
  public readonly supervisorApi: SupervisorApi;
  public readonly accountsApi: AccountsApi;
  public readonly alarms: PipelineAlarms;
  public readonly dashboard: PipelineDashboard;
  public readonly slaWatcher: SlaWatcher;
  public readonly supervisorConsole: SupervisorConsole;
  /** The validated escalation rules (`ESCALATION_RULES`) and the seed supervisor directory. */
  public readonly escalationSettings: EscalationSettings;
  public readonly escalationNotifications: EscalationNotifications;
  /** The stage's name, `default` for the unprefixed one. */
  public readonly stage: string;
  /** With the `analyticsExport` prop: the analytics copy in S3, its Glue table and Athena work group. */
  public readonly analytics?: AnalyticsExport;
  /** With the `edgeFirewall` prop: the distribution and origin lock, and the public routes it locked. */
  public readonly edgeFirewall?: { readonly firewall: EdgeFirewall; readonly publicRouteKeys: readonly string[] };
  /** The SSM parameter in us-east-1 that holds the edge firewall's web ACL ARN. */
  public readonly edgeWebAclParameterName: string;

  constructor(scope: Construct, id: string, props: FeedbackPipelineStackProps = {}) {
    super(scope, id, props);
    this.stage = props.stage ?? DEFAULT_STAGE;
    // Names the stack's name does not already make unique (it prefixes the configuration set, the
    // dashboard and the metrics namespace by itself).
    const physicalName = (name: string) => (this.stage === DEFAULT_STAGE ? name : `${this.stage}-${name}`);
    // First, before any function is bundled: a bad rules file or an ended calendar fails at once.
    const today = props.calendarCheckDate ?? new Date();
    this.retention = parseRetention(props.retention, parseSurveyPolicy(props.surveyPolicy).retentionDays);
    this.escalationSettings = loadEscalationSettings({ rulesFile: props.escalationRulesFile, directoryFile: props.supervisorDirectoryFile, today });
    const calendarWarnings = checkEscalationCalendars(this.escalationSettings, { rulesFile: props.escalationRulesFile, today });
    for (const { calendar, warning } of calendarWarnings) Annotations.of(this).addWarningV2(`@pipeline/holiday-calendar-ending:${calendar}`, warning);
    const routeNotFound = new PipelineFunction(this, 'RouteNotFound', { name: 'route-not-found' });
    this.api = new PublicHttpApi(this, 'PublicApi', {
      notFound: routeNotFound.fn,
      throttlingRateLimit: props.throttlingRateLimit,
      throttlingBurstLimit: props.throttlingBurstLimit,
      allowedOrigins: props.allowedOrigins,
      customDomain: props.customDomain,
    });
    if (props.edgeFirewall !== undefined && props.customDomain !== undefined) {
      throw new Error('The settings customDomain and edgeFirewall cannot both be set yet: the custom domain would reach the API around the firewall.');
    }
    this.edgeWebAclParameterName = `/${this.stackName}/edge-web-acl-arn`;
    const firewall =
      props.edgeFirewall === undefined
        ? undefined
        : new EdgeFirewall(this, 'EdgeFirewall', { api: this.api.api, webAclParameterName: this.edgeWebAclParameterName });
    // Where customers reach the API, and so where every link in answers and emails starts.
    const publicBaseUrl = props.publicBaseUrl ?? this.api.customDomainUrl ?? firewall?.url ?? this.api.api.apiEndpoint;
    this.table = new FeedbackTable(this, 'Store');
    this.reports = new FeedbackReports(this, 'Reports', { table: this.table });
    if (props.analyticsExport !== undefined)
      this.analytics = new AnalyticsExport(this, 'Analytics', { table: this.table, stage: this.stage, retentionDays: props.analyticsExport.retentionDays });
    const signingKey = new LinkSigningKey(this, 'LinkSigningKey', {
      longestLinkLifetimeDays: props.statusTokenTtlDays,
      rotationDays: props.signingKeyRotationDays,
    });

    this.complaints = new ComplaintIntake(this, 'Complaints', {
      api: this.api,
      table: this.table,
      signingKey,
      // ApiEndpoint, not the stage URL: the local runtime resolves Fn::GetAtt Api.ApiEndpoint to
      // its gateway. No cycle: the Api does not depend on the functions, only its routes do.
      publicBaseUrl,
      categories: props.complaintCategories ?? DEFAULT_COMPLAINT_CATEGORIES,
      statusTokenTtlDays: props.statusTokenTtlDays,
      retentionDaysAfterResolution: this.retention.complaintDaysAfterResolution,
    });
    this.feedback = new FeedbackIntake(this, 'Feedback', {
      api: this.api,
      table: this.table,
      retentionDays: this.retention.feedbackDays,
    });
    this.integration = new IntegrationAuthorizer(this, 'Integration', { api: this.api.api });

    // The survey items' retention travels in the policy, which every survey writer already reads.
    this.surveyPolicy = parseSurveyPolicy({ ...props.surveyPolicy, retentionDays: this.retention.surveyDaysAfterLinkExpiry });
    this.surveyPolicyEnvironment = surveyPolicyEnvironment(this.surveyPolicy);
    this.surveyIntake = new SurveyIntake(this, 'SurveyIntake', {
      api: this.api,
      table: this.table,
      authorizer: this.integration.authorizer,
      policy: this.surveyPolicy,
    });
    this.surveyCampaigns = new SurveyCampaigns(this, 'SurveyCampaigns', {
      table: this.table,
      policy: this.surveyPolicy,
      sesMaxSendRate: props.sesMaxSendRate,
      ...props.surveyCampaign,
      scheduleName: physicalName(CAMPAIGN_SCHEDULE_NAME),
    });
    this.surveyPages = new SurveyPages(this, 'SurveyPages', { api: this.api, table: this.table, signingKey, policy: this.surveyPolicy });
    const configurationSetName = `${this.stackName}-surveys`;
    this.surveyMailEvents = new SurveyMailEvents(this, 'SurveyMailEvents', { table: this.table, configurationSetName });
    this.surveyMail = new SurveyMail(this, 'SurveyMail', {
      table: this.table,
      signingKey,
      publicBaseUrl,
      senderAddress: props.senderAddress ?? 'surveys@example.com',
      configurationSetName,
      sesMaxSendRate: props.sesMaxSendRate,
      policy: this.surveyPolicy,
    });
    this.surveyMail.mailer.fn.node.addDependency(this.surveyMailEvents.configurationSet);
    this.supervisorSignIn = new SupervisorSignIn(this, 'SupervisorSignIn', { mfa: props.supervisorMfa ?? 'off' });
    this.supervisorApi = new SupervisorApi(this, 'Supervisors', {
      api: this.api,
      table: this.table,
      signingKey,
      signIn: this.supervisorSignIn,
      teams: Object.keys(this.escalationSettings.rules.teams),
    });
    this.reportsApi = new ReportsApi(this, 'ReportsApi', {
      api: this.api,
      reports: this.reports,
      table: this.table,
      teams: Object.keys(this.escalationSettings.rules.teams),
      authorizer: this.supervisorApi.authorizer,
    });
    this.accountsApi = new AccountsApi(this, 'Accounts', {
      api: this.api,
      table: this.table,
      signIn: this.supervisorSignIn,
      authorizer: this.supervisorApi.authorizer,
    });
    this.escalationNotifications = new EscalationNotifications(this, 'EscalationNotifications', {
      table: this.table,
      signingKey,
      settings: this.escalationSettings,
      publicBaseUrl,
      senderAddress: props.notificationSenderAddress ?? props.senderAddress ?? 'surveys@example.com',
      statusTokenTtlDays: props.statusTokenTtlDays,
      sesMaxSendRate: props.sesMaxSendRate,
    });
    this.escalationNotifications.grantNotifyingTo(this.complaints.store.fn);
    // A confirmed very low survey score opens an escalation and mails its assignee from the answer consumer.
    this.escalationNotifications.grantNotifyingTo(this.surveyPages.store.fn);
    this.table.grantComplaintEscalationTo(this.complaints.store.fn);
    this.escalationNotifications.grantNotifyingTo(this.supervisorApi.function.fn);
    this.table.grantComplaintResolutionTo(this.supervisorApi.function.fn, this.retention.complaintDaysAfterResolution);
    this.slaWatcher = new SlaWatcher(this, 'SlaWatcher', {
      table: this.table,
      rules: this.escalationSettings.rules,
      sesMaxSendRate: props.sesMaxSendRate,
      ...props.slaWatcher,
    });
    // The watcher mails each step as it takes it; the sweep only catches what that did not send.
    this.escalationNotifications.grantNotifyingTo(this.slaWatcher.watcher.fn);
    this.supervisorConsole = new SupervisorConsole(this, 'SupervisorConsole', { api: this.api, signIn: this.supervisorSignIn, edgeUrl: firewall?.url });
    // Once every route exists: the public ones go behind the origin check.
    if (firewall !== undefined) this.edgeFirewall = { firewall, publicRouteKeys: firewall.lockPublicRoutes() };
    this.alarms = new PipelineAlarms(this, 'Alarms', { alarmEmail: props.alarmEmail });
    // Last: it finds every function, queue and alarm made above.
    this.dashboard = new PipelineDashboard(this, 'Dashboard', { api: this.api });
  }
}
