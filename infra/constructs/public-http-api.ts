import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  CorsHttpMethod,
  DomainName,
  HttpApi,
  type HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IConstruct } from 'constructs';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface PublicHttpApiProps {
  /** Answers every request that matches no route, so callers get our JSON error body. */
  readonly notFound: LambdaFunction;
  /** Steady-state requests per second across the stage. @default 50 */
  readonly throttlingRateLimit?: number;
  /** @default 100 */
  readonly throttlingBurstLimit?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: RetentionDays;
  /**
   * Web origins whose pages may call the API from a browser (a help-centre "was this helpful"
   * widget, a complaint form). No credentials are involved, so `*` opens nothing that curl
   * cannot already do. @default ['*']
   */
  readonly allowedOrigins?: readonly string[];
  /** A custom domain for the API (its certificate in ACM, in the stack's region). @default - none: the API's own endpoint */
  readonly customDomain?: CustomDomain;
}

export interface CustomDomain {
  /** e.g. `support.example.com` */
  readonly domainName: string;
  /** An ACM certificate for the name, issued in the stack's region. */
  readonly certificateArn: string;
  /** A path the API answers under, e.g. `feedback` for `https://support.example.com/feedback`. @default - the domain's root */
  readonly basePath?: string;
}

// No source IP, user agent or query string: the status token travels in the query string and
// none of these may reach the logs.
const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/** The public HTTP API: throttled `$default` stage, privacy-preserving access logs, JSON 404s. */
export class PublicHttpApi extends Construct {
  /** Percent of requests answered 5xx over {@link ALARM_MINUTES} minutes that fires {@link serverErrorAlarm}. */
  static readonly SERVER_ERROR_PERCENT = 1;
  /** Fewer requests than this in a period never fire the 5xx alarm: two failures of five are not a rate. */
  static readonly SERVER_ERROR_MIN_REQUESTS = 20;
  /** p99 latency, in milliseconds, that fires {@link latencyAlarm}. */
  static readonly P99_LATENCY_MS = 3000;
  static readonly ALARM_MINUTES = 10;

  public readonly api: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogs: LogGroup;
  public readonly url: string;
  /** `https://<domain>[/<basePath>]` when a custom domain is set: every link starts with it. */
  public readonly customDomainUrl?: string;
  /** Over 1% of at least 20 requests answered 5xx in each of two five-minute periods (docs/runbook.md#api-5xx). */
  public readonly serverErrorAlarm: Alarm;
  /** p99 over 3 s in each of two five-minute periods (docs/runbook.md#api-latency). */
  public readonly latencyAlarm: Alarm;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    // API Gateway answers CORS preflight requests itself once this is set, before any route.
    this.api = new HttpApi(this, 'Api', {
      // The stack's name, one per stage, so two stages' APIs tell apart in the console.
      apiName: Stack.of(this).stackName,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...(props.allowedOrigins ?? ['*'])],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['content-type', 'idempotency-key', 'authorization'],
        maxAge: Duration.days(1),
      },
    });
    const notFoundRoute = new HttpRoute(this, 'NotFoundRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('RouteNotFound', props.notFound),
    });
    acknowledgeOpenRoute(notFoundRoute);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_MONTH,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? 50,
        burstLimit: props.throttlingBurstLimit ?? 100,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    this.url = this.stage.url;

    // Bad input is a 4xx by design, so any 5xx is ours; a rate, not a count, so a busy hour with
    // one cold-start timeout does not page, and a floor of requests so a quiet night's one failure
    // of three does not either.
    const period = Duration.minutes(5);
    const evaluationPeriods = PublicHttpApi.ALARM_MINUTES / period.toMinutes();
    this.serverErrorAlarm = new Alarm(this, 'ServerErrorAlarm', {
      alarmDescription: `Over ${PublicHttpApi.SERVER_ERROR_PERCENT}% of the public API's requests were answered 5xx for ${PublicHttpApi.ALARM_MINUTES} minutes. docs/runbook.md#api-5xx`,
      metric: new MathExpression({
        expression: `IF(requests >= ${PublicHttpApi.SERVER_ERROR_MIN_REQUESTS}, 100 * FILL(errors, 0) / requests, 0)`,
        usingMetrics: { requests: this.api.metricCount({ period, statistic: 'Sum' }), errors: this.api.metricServerError({ period, statistic: 'Sum' }) },
        period,
        label: '5xx answers (% of requests)',
      }),
      threshold: PublicHttpApi.SERVER_ERROR_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Handlers validate, enqueue or read one item: a cold start stays under 1.5 s, so a p99 of 3 s
    // means DynamoDB or SQS throttling, SDK retries or a slow dependency, well before the 30 s
    // integration timeout turns waits into 503s.
    this.latencyAlarm = new Alarm(this, 'LatencyAlarm', {
      alarmDescription: `The public API's p99 latency was over ${PublicHttpApi.P99_LATENCY_MS} ms for ${PublicHttpApi.ALARM_MINUTES} minutes. docs/runbook.md#api-latency`,
      metric: this.api.metricLatency({ period, statistic: 'p99' }),
      threshold: PublicHttpApi.P99_LATENCY_MS,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new CfnOutput(this, 'ApiUrl', { key: 'ApiUrl', value: this.url });
    if (props.customDomain !== undefined) {
      const { domainName, certificateArn, basePath } = props.customDomain;
      const domain = new DomainName(this, 'CustomDomain', {
        domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'CustomDomainMapping', { api: this.api, domainName: domain, stage: this.stage, ...(basePath ? { apiMappingKey: basePath } : {}) });
      this.customDomainUrl = `https://${domainName}${basePath ? `/${basePath}` : ''}`;
      new CfnOutput(this, 'CustomDomainUrl', { key: 'CustomDomainUrl', value: this.customDomainUrl });
      // Point the name here: a CNAME, or a Route 53 alias with the zone id beside it.
      new CfnOutput(this, 'CustomDomainTarget', { key: 'CustomDomainTarget', value: domain.regionalDomainName });
      new CfnOutput(this, 'CustomDomainHostedZoneId', { key: 'CustomDomainHostedZoneId', value: domain.regionalHostedZoneId });
    }
  }

  /** Routes `method path` to `fn`, e.g. `addRoute(HttpMethod.POST, '/complaints', submit)`. */
  public addRoute(method: HttpMethod, path: string, fn: LambdaFunction): void {
    const id = `${method}${path.replace(/[^A-Za-z0-9]/g, '-')}`;
    const routes = this.api.addRoutes({ path, methods: [method], integration: new HttpLambdaIntegration(id, fn) });
    routes.forEach(acknowledgeOpenRoute);
  }
}

function acknowledgeOpenRoute(route: IConstruct): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Customers file complaints and feedback without an account by design; abuse is bounded by stage throttling and body limits, and status reads need a signed token.',
  });
}
