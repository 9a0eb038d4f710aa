// Renders the OpenAPI document as docs/api.md, so the reference a person reads is the document
// the code is checked against (`npm run api-doc` writes both; a unit test fails when either is stale).

type JsonSchema = {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly $ref?: string;
};
type Content = Readonly<Record<string, { readonly schema: JsonSchema }>>;
type Parameter = { readonly name: string; readonly in: string; readonly required: boolean; readonly description?: string; readonly schema: JsonSchema };
type Operation = {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Content };
  readonly responses: Readonly<Record<string, { readonly description: string; readonly content?: Content }>>;
};
/** The parts of an OpenAPI 3.1 document that docs/api.md shows. */
export type ApiDocument = {
  readonly info: { readonly title: string; readonly description: string };
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<string, { readonly description: string }>>;
  };
};

// zod writes the bounds of a plain integer as ±Number.MAX_SAFE_INTEGER: no limit worth printing.
const isReal = (bound: number | undefined): bound is number => bound !== undefined && Math.abs(bound) < Number.MAX_SAFE_INTEGER;
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (text: string): string => `\`${text}\``;

/** One line for a schema's type and limits: `string, 1-64 characters`, `integer 1-5`, `"site" or "article"`. */
function typeOf(schema: JsonSchema): string {
  if (schema.$ref !== undefined) return `[${schema.$ref.split('/').at(-1)}](#${schema.$ref.split('/').at(-1)!.toLowerCase()})`;
  if (schema.enum !== undefined) return schema.enum.map((value) => code(JSON.stringify(value))).join(', ');
  const parts = [schema.type === 'array' ? `array of ${schema.items === undefined ? 'any' : typeOf(schema.items)}` : (schema.type ?? 'any')];
  if (schema.format !== undefined) parts.push(schema.format);
  else if (schema.pattern !== undefined && schema.pattern.length <= 60) parts.push(`matching ${code(schema.pattern)}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    parts.push(schema.minLength === undefined ? `at most ${schema.maxLength} characters` : `${schema.minLength}-${schema.maxLength ?? '…'} characters`);
  }
  if (isReal(schema.minimum) || isReal(schema.maximum))
    parts.push(`${isReal(schema.minimum) ? schema.minimum : '…'} to ${isReal(schema.maximum) ? schema.maximum : '…'}`);
  if (schema.maxItems !== undefined) parts.push(`at most ${schema.maxItems}`);
  if (schema.default !== undefined) parts.push(`default ${code(JSON.stringify(schema.default))}`);
  return parts.join(', ');
}

/** The rows of a schema's fields, nested objects and arrays of objects flattened to `customer.id`, `history[].at`. */
function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  if (schema.type === 'array' && schema.items?.properties !== undefined) return fieldRows(schema.items, `${prefix}[]`);
  if (schema.properties === undefined) return [];
  return Object.entries(schema.properties).flatMap(([name, field]) => {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    const nested = field.properties ?? (field.type === 'array' ? field.items?.properties : undefined);
    const required = schema.required?.includes(name) ? 'yes' : '';
    const row = `| ${code(path)} | ${cell(nested === undefined ? typeOf(field) : field.type === 'array' ? 'array of objects' : 'object')} | ${required} | ${cell(field.description ?? '')} |`;
    return [row, ...(nested === undefined ? [] : fieldRows(field, path))];
  });
}

function schemaTable(schema: JsonSchema): string[] {
  if (schema.$ref !== undefined) return [`The JSON error body (${typeOf(schema)}).`];
  const rows = fieldRows(schema);
  if (rows.length === 0) return [`${typeOf(schema)}.`];
  const closed = schema.additionalProperties === false ? ' Unknown fields are refused.' : '';
  return ['| Field | Type | Required | Notes |', '| --- | --- | --- | --- |', ...rows, ...(closed === '' ? [] : ['', closed.trim()])];
}

function operationSection(method: string, path: string, operation: Operation): string[] {
  const security =
    operation.security.length === 0
      ? 'none'
      : operation.security.flatMap((requirement) => Object.keys(requirement).map((name) => `[${name}](#${name.toLowerCase()})`)).join(', ');
  const lines = [`### ${method.toUpperCase()} ${path}`, '', `${operation.summary} (${code(operation.operationId)}; authentication: ${security}).`];
  if (operation.description !== undefined) lines.push('', operation.description);
  if (operation.parameters !== undefined && operation.parameters.length > 0) {
    lines.push('', '| Parameter | In | Type | Required | Notes |', '| --- | --- | --- | --- | --- |');
    for (const parameter of operation.parameters) {
      lines.push(
        `| ${code(parameter.name)} | ${parameter.in} | ${cell(typeOf(parameter.schema))} | ${parameter.required ? 'yes' : ''} | ${cell(parameter.description ?? '')} |`,
      );
    }
  }
  const body = operation.requestBody?.content['application/json'];
  if (body !== undefined) lines.push('', 'Request body (`application/json`):', '', ...schemaTable(body.schema));
  lines.push('', '| Status | Answer |', '| --- | --- |');
  for (const [status, response] of Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b))) {
    const types = Object.keys(response.content ?? {});
    lines.push(`| ${status} | ${cell(response.description)}${types.length === 0 ? '' : ` (${types.map(code).join(', ')})`} |`);
  }
  for (const [status, response] of Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b))) {
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined || schema.$ref !== undefined) continue;
    lines.push('', `${status} body:`, '', ...schemaTable(schema));
  }
  return [...lines, ''];
}

/**
 * docs/api.md: the OpenAPI document as Markdown, one section per operation with its parameters,
 * body fields and answers.
 *
 * @example
 * ```ts
 * writeFileSync('docs/api.md', apiMarkdown(openApiDocument(DEFAULT_COMPLAINT_CATEGORIES)));
 * ```
 */
export function apiMarkdown(document: ApiDocument): string {
  const lines = [
    '# API reference',
    '',
    '<!-- Generated from docs/openapi.json by `npm run api-doc`; edit docs/openapi-document.ts or the contracts, not this file. -->',
    '',
    `${document.info.title}. The machine-readable document is [openapi.json](openapi.json).`,
    '',
    document.info.description,
    '',
    '## Servers',
    '',
    ...document.servers.map((server) => `- ${code(server.url)}: ${server.description}`),
    '',
    '## Authentication',
    '',
    ...Object.entries(document.components.securitySchemes).flatMap(([name, scheme]) => [`### ${name}`, '', scheme.description, '']),
    '## Operations',
    '',
  ];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) lines.push(...operationSection(method, path, operation));
  }
  lines.push('## Schemas', '');
  for (const [name, schema] of Object.entries(document.components.schemas)) lines.push(`### ${name}`, '', ...schemaTable(schema), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
