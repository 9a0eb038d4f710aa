import { Metrics } from '@aws-lambda-powertools/metrics';

// One metrics sink per function instance (POWERTOOLS_METRICS_NAMESPACE and _SERVICE_NAME from the
// shared function construct). A module of its own, apart from the logger: constructing it at
// import bundles Powertools Metrics (about 13 KB minified) into every function that imports it,
// so only the functions that record metrics do.
export const metrics = new Metrics();
