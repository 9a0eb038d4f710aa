import { describe, expect, it } from 'vitest';
import { renderLogLine } from '../../../local/functions/render-log-line.ts';

const powertoolsLine = JSON.stringify({
  level: 'INFO',
  message: 'complaint stored',
  timestamp: '2026-11-25T10:00:00.000Z',
  service: 'store-complaint',
  sampling_rate: 0,
  xray_trace_id: '1-abc',
  cold_start: true,
  function_request_id: 'r1',
  complaintId: 'c-1',
  receiveCount: 2,
});

const emfLine = JSON.stringify({
  _aws: {
    Timestamp: 1,
    CloudWatchMetrics: [{ Namespace: 'SupportFeedbackPipeline', Dimensions: [['service']], Metrics: [{ Name: 'ComplaintStored', Unit: 'Count' }] }],
  },
  service: 'store-complaint',
  ComplaintStored: 1,
});

describe('renderLogLine', () => {
  it('renders a Powertools JSON line as LEVEL message key=value without the context keys', () => {
    expect(renderLogLine(powertoolsLine)).toBe('INFO "complaint stored" complaintId=c-1 receiveCount=2');
  });

  it('summarises an embedded metric format line as its metric values', () => {
    expect(renderLogLine(emfLine)).toBe('metrics ComplaintStored=1');
  });

  it.each([
    ['REPORT RequestId: 1f0e\tDuration: 46.74 ms\tBilled Duration: 47 ms\tMemory Size: 256 MB', 'REPORT 46.74 ms'],
    ['REPORT RequestId: 1f0e\tDuration: 1000.52 ms\tBilled Duration: 1001 ms\tMemory Size: 256 MB\tStatus: timeout', 'REPORT 1000.52 ms Status: timeout'],
  ])('cuts the runtime REPORT line to its duration and status: %s', (line, expected) => {
    expect(renderLogLine(line)).toBe(expected);
  });

  it.each([
    ['the runtime START line', 'START RequestId: 1f0e Version: $LATEST'],
    ['the runtime END line', 'END RequestId: 1f0e'],
    ['a blank line', '   '],
  ])('prints nothing for %s', (_name, line) => {
    expect(renderLogLine(line)).toBeUndefined();
  });

  it.each([
    ['plain text', 'listening on 3000'],
    ['a timeout line', '2026-11-25T10:00:00.000Z 1f0e Task timed out after 1.00 seconds'],
    ['JSON that is not a log record', '{"hello":"world"}'],
    ['broken JSON', '{"level":"INFO"'],
  ])('keeps %s as it is', (_name, line) => {
    expect(renderLogLine(line)).toBe(line);
  });
});
