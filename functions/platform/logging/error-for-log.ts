/**
 * An error as a log line may carry it: its name, its code, and the stack's frames without the
 * message. A message can quote input (an SES refusal names the address, a validation error the
 * value), and no personal data reaches the logs; the frames say where it failed, which is what
 * debugging needs. Hand-written: Powertools formats an error with its message.
 *
 * @example
 * logger.error('Message not stored', { messageId, error: errorForLog(error) });
 */
interface LoggedError {
  readonly name: string;
  readonly code?: string;
  readonly stack?: string;
  readonly cause?: LoggedError;
}

export const errorForLog = (error: unknown): LoggedError => {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim())
    .join('\n');
  return {
    name: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(error.cause === undefined ? {} : { cause: errorForLog(error.cause) }),
  };
};
