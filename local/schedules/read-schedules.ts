import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { TemplateShapeError } from '../template/template-shape-error.ts';
import { parseScheduleExpression, ScheduleExpressionError, type ScheduleExpression } from './schedule-expression.ts';

/** One function a schedule invokes, with the target's Input (JSON text) if the template sets one. */
export interface ScheduleTarget {
  readonly functionName: string;
  readonly input: string | undefined;
}

/** An AWS::Scheduler::Schedule or a scheduled AWS::Events::Rule, as the local scheduler fires it. */
export interface LocalSchedule {
  /** The Name property, else the logical id: what the control endpoint calls it. */
  readonly name: string;
  readonly logicalId: string;
  readonly type: 'AWS::Scheduler::Schedule' | 'AWS::Events::Rule';
  readonly arn: string;
  readonly expression: string;
  /** IANA time zone of cron and at expressions; EventBridge rules are always UTC. */
  readonly timeZone: string;
  readonly state: 'ENABLED' | 'DISABLED';
  /** Scheduler's StartDate and EndDate: no fire before or after them. */
  readonly startDate: Date | undefined;
  readonly endDate: Date | undefined;
  readonly targets: readonly ScheduleTarget[];
  readonly when: ScheduleExpression;
}

/**
 * Reads every AWS::Scheduler::Schedule and every AWS::Events::Rule with a ScheduleExpression of
 * the template. A target that is not one of the template's functions (an SQS or universal
 * target) is logged and left out; an expression EventBridge would refuse stops the start naming
 * the resource.
 *
 * @example
 * const schedules = readSchedules(template, values, (arn) => functionNameByArn.get(arn), log);
 */
export function readSchedules(
  template: CfnTemplate,
  values: LocalResourceValues,
  functionNameOf: (arn: string) => string | undefined,
  log: (line: string) => void,
): LocalSchedule[] {
  const lambdaTarget = (logicalId: string, arn: unknown, input: unknown, where: string): ScheduleTarget[] => {
    const resolvedArn = String(resolveIntrinsics(arn, values, `${logicalId} ${where} Arn`));
    const functionName = functionNameOf(resolvedArn);
    if (functionName === undefined) {
      log(`${logicalId}: target ${resolvedArn} is not a function of the template; not fired locally`);
      return [];
    }
    const resolvedInput = input === undefined ? undefined : String(resolveIntrinsics(input, values, `${logicalId} ${where} Input`));
    if (resolvedInput !== undefined) requireJsonInput(logicalId, resolvedInput);
    return [{ functionName, input: resolvedInput }];
  };

  const scheduled = readResources(template, 'AWS::Scheduler::Schedule').map(([logicalId, props]): LocalSchedule => {
    const name = props.Name ?? logicalId;
    const timeZone = props.ScheduleExpressionTimezone ?? 'UTC';
    return {
      name,
      logicalId,
      type: 'AWS::Scheduler::Schedule',
      arn: `arn:aws:scheduler:${localRegion}:${localAccountId}:schedule/${props.GroupName ?? 'default'}/${name}`,
      expression: props.ScheduleExpression,
      timeZone,
      state: props.State ?? 'ENABLED',
      startDate: readDate(logicalId, 'StartDate', props.StartDate),
      endDate: readDate(logicalId, 'EndDate', props.EndDate),
      targets: lambdaTarget(logicalId, props.Target.Arn, props.Target.Input, 'Target'),
      when: readExpression(logicalId, props.ScheduleExpression, timeZone),
    };
  });
  const rules = readResources(template, 'AWS::Events::Rule').flatMap(([logicalId, props]): LocalSchedule[] => {
    if (props.ScheduleExpression === undefined) return [];
    const name = props.Name ?? logicalId;
    return [
      {
        name,
        logicalId,
        type: 'AWS::Events::Rule',
        arn: `arn:aws:events:${localRegion}:${localAccountId}:rule/${name}`,
        expression: props.ScheduleExpression,
        timeZone: 'UTC',
        // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is enabled too; only DISABLED stops a rule.
        state: props.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        startDate: undefined,
        endDate: undefined,
        targets: (props.Targets ?? []).flatMap((target) => lambdaTarget(logicalId, target.Arn, target.Input, `Targets.${target.Id}`)),
        when: readExpression(logicalId, props.ScheduleExpression, 'UTC'),
      },
    ];
  });
  return [...scheduled, ...rules].filter((schedule) => schedule.targets.length > 0);
}

function readExpression(logicalId: string, expression: string, timeZone: string): ScheduleExpression {
  try {
    return parseScheduleExpression(expression, timeZone);
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    throw new TemplateShapeError(logicalId, `${logicalId} cannot run locally: ScheduleExpression ${error.message}`, { cause: error });
  }
}

function readDate(logicalId: string, property: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new TemplateShapeError(logicalId, `${logicalId} cannot run locally: ${property} "${text}" is not a date`);
  return date;
}

// Lambda takes a JSON event; the context keywords (<aws.scheduler.scheduled-time>) sit inside strings.
function requireJsonInput(logicalId: string, input: string): void {
  try {
    JSON.parse(input);
  } catch (error) {
    throw new TemplateShapeError(logicalId, `${logicalId} cannot run locally: its target Input is not JSON`, { cause: error });
  }
}
