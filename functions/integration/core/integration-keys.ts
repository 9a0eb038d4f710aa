import { IntegrationKeyError } from './errors.ts';

/** Shorter keys are refused: the construct generates 64 characters, a hand-set key must not be guessable. */
const MIN_INTEGRATION_KEY_LENGTH = 32;

/**
 * The keys the integration routes accept: `current`, and during a rotation `previous`, which the
 * support system may still send until it has the new one. The secret holds them as JSON
 * (`{"current":"…","previous":"…"}`); a secret holding one plain token, as the stack first
 * generates it, is that token alone.
 */
export interface IntegrationKeys {
  readonly current: string;
  readonly previous?: string;
}

const usable = (key: unknown): key is string => typeof key === 'string' && key.length >= MIN_INTEGRATION_KEY_LENGTH && !/\s/.test(key);

/**
 * Reads the secret's value, refusing one that holds no usable key (so the authorizer fails its
 * init rather than authorize against nothing).
 *
 * @example
 * parseIntegrationKeys('k'.repeat(64)); // { current: 'kkk…' }
 * parseIntegrationKeys('{"current":"…","previous":"…"}');
 */
export const parseIntegrationKeys = (secretString: string | undefined): IntegrationKeys => {
  const text = secretString?.trim() ?? '';
  let parsed: unknown = text;
  if (text.startsWith('{')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  const keys = typeof parsed === 'string' ? { current: parsed } : (parsed as { current?: unknown; previous?: unknown } | undefined);
  if (!usable(keys?.current) || (keys.previous !== undefined && !usable(keys.previous))) {
    throw new IntegrationKeyError(
      'integration_key_unusable',
      `The integration key secret must hold one token of at least ${MIN_INTEGRATION_KEY_LENGTH} characters without spaces, or {"current": …, "previous": …} of two.`,
    );
  }
  return keys.previous === undefined ? { current: keys.current } : { current: keys.current, previous: keys.previous };
};

/** The keys accepted, current first. */
export const acceptedKeys = (keys: IntegrationKeys): string[] => (keys.previous === undefined ? [keys.current] : [keys.current, keys.previous]);

/**
 * The first step of a rotation: `fresh` becomes current, and the key it replaces stays valid as
 * previous until {@link retirePrevious}. A rotation already under way is refused, so a second
 * run cannot retire the key the support system still sends.
 */
export const beginRotation = (keys: IntegrationKeys, fresh: string): IntegrationKeys => {
  if (keys.previous !== undefined) {
    throw new IntegrationKeyError('integration_key_unusable', 'A rotation is under way: retire the previous key (--retire-previous) before starting another.');
  }
  return parseIntegrationKeys(JSON.stringify({ current: fresh, previous: keys.current }));
};

/** The last step: only the current key is accepted from now on. */
export const retirePrevious = (keys: IntegrationKeys): IntegrationKeys => ({ current: keys.current });
