// Keys every Powertools log line carries; in a terminal they repeat what the prefix already says.
const contextKeys = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'cold_start',
  'correlation_id',
]);

/**
 * Turns one line a function wrote into what a person reads in the terminal: Powertools JSON as
 * `LEVEL message key=value`, an EMF metrics line as `metrics Name=value`, the runtime's START and
 * END lines dropped and REPORT cut to its duration; anything else as it is. Undefined means
 * "print nothing".
 *
 * @example
 * renderLogLine('{"level":"INFO","message":"stored","complaintId":"c1","timestamp":"…"}'); // 'INFO stored complaintId=c1'
 */
export function renderLogLine(line: string): string | undefined {
  if (line.trim() === '' || /^(START|END) RequestId: /.test(line)) return undefined;
  const report = /^REPORT RequestId: \S+\s+Duration: ([\d.]+ ms).*?(Status: \w+)?$/.exec(line);
  if (report !== null) return ['REPORT', report[1], report[2]].filter(Boolean).join(' ');
  const record = parseObject(line);
  if (record === undefined) return line;
  const metrics = metricValues(record);
  if (metrics !== undefined) return metrics.length === 0 ? undefined : `metrics ${metrics.join(' ')}`;
  if (typeof record['level'] !== 'string' || !('message' in record)) return line;
  const fields = Object.entries(record)
    .filter(([key]) => !contextKeys.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [record['level'].toUpperCase(), formatValue(record['message']), ...fields].join(' ');
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `Name=value` pairs of a CloudWatch embedded metric format line (it has `_aws.CloudWatchMetrics`). */
function metricValues(record: Record<string, unknown>): string[] | undefined {
  const directives = (record['_aws'] as { CloudWatchMetrics?: Array<{ Metrics?: Array<{ Name?: unknown }> }> } | undefined)?.CloudWatchMetrics;
  if (!Array.isArray(directives)) return undefined;
  return directives.flatMap((directive) => directive.Metrics ?? []).map(({ Name }) => `${String(Name)}=${formatValue(record[String(Name)])}`);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}
