/**
 * A resource of the synthesized template has a shape the local runtime cannot read. The message
 * is one line naming the type, the logical id and each property that is off.
 */
export class TemplateShapeError extends Error {
  readonly code = 'TEMPLATE_SHAPE';

  constructor(
    readonly logicalId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TemplateShapeError';
  }
}
