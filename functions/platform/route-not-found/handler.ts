import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RouteNotFoundError } from '../http/request-errors.ts';
import { httpHandler } from '../http/http-handler.ts';

/** The `$default` route: unknown paths get the JSON error body rather than API Gateway's own. */
export const handle = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  throw new RouteNotFoundError(event.requestContext.http.method, event.rawPath);
};

export const handler = httpHandler(handle);
