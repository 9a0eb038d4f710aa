import { describe, expect, it } from 'vitest';
import { daysSetting, listSetting, readRuntimeConfig, requiredSetting } from '../../../../functions/platform/settings/runtime-config.ts';

describe('readRuntimeConfig', () => {
  it('reads each setting with its schema', () => {
    const config = readRuntimeConfig(
      { TABLE_NAME: requiredSetting, RETENTION_DAYS: daysSetting, CATEGORIES: listSetting },
      { TABLE_NAME: 'table', RETENTION_DAYS: '730', CATEGORIES: 'billing, other,' },
    );
    expect(config).toEqual({ TABLE_NAME: 'table', RETENTION_DAYS: 730, CATEGORIES: ['billing', 'other'] });
  });

  // The construct that sets a variable owns its default; a second default here could disagree.
  it('fails the cold start, naming the variable, when a number of days is unset rather than guessing a default', () => {
    expect(() => readRuntimeConfig({ RETENTION_DAYS: daysSetting }, {})).toThrow(/RETENTION_DAYS/);
  });

  it.each([['0'], ['1.5'], ['forever'], ['36501']])('refuses %j days', (days) => {
    expect(() => readRuntimeConfig({ RETENTION_DAYS: daysSetting }, { RETENTION_DAYS: days })).toThrow(/RETENTION_DAYS/);
  });

  it('refuses an empty required setting', () => {
    expect(() => readRuntimeConfig({ TABLE_NAME: requiredSetting }, { TABLE_NAME: '' })).toThrow(/TABLE_NAME/);
  });
});
