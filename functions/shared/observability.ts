import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// One logger and one metrics sink per function instance, configured by the POWERTOOLS_*
// variables the shared function construct sets. Never log personal data: ids and codes only.
export const logger = new Logger();
export const metrics = new Metrics();
