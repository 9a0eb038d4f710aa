/** What each logical id resolves to locally: `Ref` and `Fn::GetAtt` values. */
export interface LocalResourceValues {
  readonly refs: ReadonlyMap<string, string>;
  /** Keyed by `LogicalId.Attribute`, e.g. `ItemsQueue.Arn`. */
  readonly attributes: ReadonlyMap<string, string>;
}

/** @internal exported for its tests only */
export class UnresolvableIntrinsicError extends Error {
  readonly code = 'UNRESOLVABLE_INTRINSIC';
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableIntrinsicError';
  }
}

const noValue = Symbol('AWS::NoValue');

/**
 * Resolves CloudFormation intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
 * `Fn::Sub`) to local values. `where` names the place in the template for error messages.
 *
 * @example
 * resolveIntrinsics({ Ref: 'ItemsQueue' }, values, 'AcceptItem environment QUEUE_URL');
 * // 'http://127.0.0.1:40123/000000000000/ItemsQueue'
 */
export function resolveIntrinsics(value: unknown, values: LocalResourceValues, where: string): unknown {
  const resolved = resolveValue(value, values, where);
  return resolved === noValue ? undefined : resolved;
}

function resolveValue(value: unknown, values: LocalResourceValues, where: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, values, where)).filter((item) => item !== noValue);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    return resolveFunction(key, argument, values, where);
  }
  return Object.fromEntries(entries.map(([name, item]) => [name, resolveValue(item, values, where)]));
}

function resolveFunction(name: string, argument: unknown, values: LocalResourceValues, where: string): unknown {
  const resolveString = (item: unknown): string => asString(resolveValue(item, values, where), name, where);
  switch (name) {
    case 'Ref':
      return resolveRef(asString(argument, name, where), values, where);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = typeof argument === 'string' ? splitOnce(argument, '.') : asList(argument, name, where);
      return resolveAttribute(`${resolveString(logicalId)}.${resolveString(attribute)}`, values, where);
    }
    case 'Fn::Join': {
      const [delimiter, items] = asList(argument, name, where);
      return asList(resolveValue(items, values, where), name, where)
        .map(resolveString)
        .join(resolveString(delimiter));
    }
    case 'Fn::Select': {
      const [index, items] = asList(argument, name, where);
      const list = asList(resolveValue(items, values, where), name, where);
      const selected = list[Number(resolveValue(index, values, where))];
      if (selected === undefined) throw new UnresolvableIntrinsicError(`Fn::Select index out of range in ${where}`);
      return selected;
    }
    case 'Fn::Split': {
      const [delimiter, source] = asList(argument, name, where);
      return resolveString(source).split(resolveString(delimiter));
    }
    case 'Fn::Sub': {
      const [template, variables] = typeof argument === 'string' ? [argument, {}] : asList(argument, name, where);
      const bound = new Map(Object.entries(asRecord(variables)).map(([key, item]) => [key, resolveString(item)]));
      return substitute(asString(template, name, where), bound, values, where);
    }
    default:
      throw new UnresolvableIntrinsicError(`${name} is not supported locally (in ${where})`);
  }
}

function resolveRef(logicalId: string, values: LocalResourceValues, where: string): unknown {
  if (logicalId === 'AWS::NoValue') return noValue;
  const value = values.refs.get(logicalId);
  if (value === undefined) throw new UnresolvableIntrinsicError(`Cannot resolve { Ref: ${logicalId} } in ${where}: no local value for ${logicalId}`);
  return value;
}

function resolveAttribute(key: string, values: LocalResourceValues, where: string): string {
  const value = values.attributes.get(key);
  if (value === undefined) throw new UnresolvableIntrinsicError(`Cannot resolve { Fn::GetAtt: ${key} } in ${where}: no local value for ${key}`);
  return value;
}

// `${Name}`, `${Name.Attribute}` and the literal escape `${!Text}`, per the Fn::Sub documentation.
function substitute(template: string, bound: ReadonlyMap<string, string>, values: LocalResourceValues, where: string): string {
  return template.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const boundValue = bound.get(expression);
    if (boundValue !== undefined) return boundValue;
    if (expression.includes('.') && !expression.startsWith('AWS::')) return resolveAttribute(expression, values, where);
    return asString(resolveRef(expression, values, where), 'Fn::Sub', where);
  });
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return [text.slice(0, index), text.slice(index + 1)];
}

function asString(value: unknown, name: string, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnresolvableIntrinsicError(`${name} expected a string in ${where}, got ${JSON.stringify(value)}`);
}

function asList(value: unknown, name: string, where: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new UnresolvableIntrinsicError(`${name} expected a list in ${where}, got ${JSON.stringify(value)}`);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Merges the values each provisioning step contributes into one lookup. */
export function mergeResourceValues(...parts: readonly LocalResourceValues[]): LocalResourceValues {
  return {
    refs: new Map(parts.flatMap((part) => [...part.refs])),
    attributes: new Map(parts.flatMap((part) => [...part.attributes])),
  };
}
