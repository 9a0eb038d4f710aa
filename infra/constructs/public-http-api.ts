import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, type HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
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
  public readonly api: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogs: LogGroup;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    // API Gateway answers CORS preflight requests itself once this is set, before any route.
    this.api = new HttpApi(this, 'Api', {
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
    new CfnOutput(this, 'ApiUrl', { key: 'ApiUrl', value: this.url });
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
