import { FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, inject, it } from 'vitest';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';

describe('createPipelineApp', () => {
  // A newer aws-cdk-lib brings new flags: this fails until they are set in cdk.json, after
  // comparing `cdk synth` before and after (`npx cdk flags --set --recommended --all`).
  it('finds every CDK v2 feature flag set to its recommended value in cdk.json', () => {
    const context = cdkJsonContext();
    const notRecommended = Object.entries(FLAGS)
      .filter(([, flag]) => flag.introducedIn.v2 !== undefined)
      .filter(([name, flag]) => JSON.stringify(context[name]) !== JSON.stringify(flag.recommendedValue))
      .map(([name, flag]) => `${name}: ${JSON.stringify(context[name])}, recommended ${JSON.stringify(flag.recommendedValue)}`);
    expect(notRecommended).toEqual([]);
  });

  it("synthesizes in-process with cdk.json's feature flags, as cdk deploy does", () => {
    expect(inject('pipelineSynthesis').flagsSeenByApp).toEqual(cdkJsonContext());
  });
});
