import { afterEach, describe, expect, it, vi } from 'vitest';
import { withoutBundlingMessages } from '../../../infra/without-bundling-messages.ts';

afterEach(() => vi.restoreAllMocks());

const writesDuring = (env: NodeJS.ProcessEnv) => {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  const result = withoutBundlingMessages(() => {
    process.stderr.write('Bundling asset Stack/Fn/Code/Stage...\n');
    process.stderr.write('[Warning at /Stack] a calendar ends soon\n');
    return 'synthesized';
  }, env);
  return { result, written };
};

describe('withoutBundlingMessages', () => {
  it("leaves out CDK's Bundling asset lines and keeps everything else", () => {
    expect(writesDuring({})).toEqual({ result: 'synthesized', written: ['[Warning at /Stack] a calendar ends soon\n'] });
  });

  it('keeps them with SYNTH_VERBOSE=1', () => {
    expect(writesDuring({ SYNTH_VERBOSE: '1' }).written).toHaveLength(2);
  });

  it('puts stderr back when the synthesis throws', () => {
    const write = process.stderr.write;
    expect(() =>
      withoutBundlingMessages(() => {
        throw new Error('ValidationFailed');
      }, {}),
    ).toThrow('ValidationFailed');
    expect(process.stderr.write).toBe(write);
  });
});
