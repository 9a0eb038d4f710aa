import { Logger } from '@aws-lambda-powertools/logger';
import { CompactLogFormatter } from './compact-log-formatter.ts';

// One logger per function instance, configured by the POWERTOOLS_* variables the shared function
// construct sets. Never log personal data: ids and codes only.
export const logger = new Logger({ logFormatter: new CompactLogFormatter() });
