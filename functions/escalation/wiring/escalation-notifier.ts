import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDbNotificationOutbox } from '../adapters/dynamodb-notification-outbox.ts';
import { loadSigningKeyRing } from '../../links/adapters/secrets-manager-signing-key.ts';
import type { SigningKeyRing } from '../../links/core/signing-key-ring.ts';
import { SesNotificationMailer } from '../adapters/ses-notification-mailer.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import { type DeliveryReport, deliverNotifications } from '../core/deliver-notifications.ts';
import type { NotificationContext } from '../core/notification-outbox.ts';
import { escalationRulesSetting } from '../settings/escalation-rules-setting.ts';
import type { EscalationSettings } from '../contracts/escalation-settings.ts';
import { withCalendarChanges } from '../core/holiday-changes.ts';
import { currentDirectoryOf } from './current-directory.ts';
import { publicBaseUrlSetting } from '../../links/settings/public-base-url-setting.ts';
import { logger } from '../../platform/logging/logger.ts';
import { daysSetting, readRuntimeConfig, requiredSetting } from '../../platform/settings/runtime-config.ts';
import { errorForLog } from '../../platform/logging/error-for-log.ts';

/** The variables every function that sends escalation emails gets from `EscalationNotifications.grantNotifyingTo`. */
const notifierSettings = {
  TABLE_NAME: requiredSetting,
  ESCALATION_RULES: escalationRulesSetting,
  PUBLIC_BASE_URL: publicBaseUrlSetting,
  NOTIFICATION_SENDER_ADDRESS: requiredSetting,
  STATUS_TOKEN_TTL_DAYS: daysSetting,
  SIGNING_KEY_SECRET_ARN: requiredSetting,
};

/**
 * The notifier of a function (the consumer's and the API's fast path, the sweep): the outbox,
 * the SES mailer and the settings, built once at cold start, and the directory, read as it changes. A function that has loaded the
 * link-signing key ring already passes it, so its cold start reads the secret once. Failures are
 * logged by notification id and error name only (no address, no text) and left to the sweep.
 *
 * @example
 * ```ts
 * const notifier = await escalationNotifier(dynamodb, process.env);
 * await notifier.deliver([{ notification, context }]);
 * ```
 */
export const escalationNotifier = async (dynamodb: DynamoDBClient, env: Record<string, string | undefined>, loadedRing?: SigningKeyRing) => {
  const config = readRuntimeConfig(notifierSettings, env);
  const ring = loadedRing ?? (await loadSigningKeyRing(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ARN));
  const outbox = new DynamoDbNotificationOutbox(dynamodb, config.TABLE_NAME);
  const currentDirectory = currentDirectoryOf(dynamodb, config.TABLE_NAME);
  // The rules with the admins' holiday changes, worked out again only when a newer directory is read.
  let merged: EscalationSettings | undefined;
  const currentSettings = async (): Promise<EscalationSettings> => {
    const directory = await currentDirectory();
    if (merged?.directory !== directory) merged = { rules: withCalendarChanges(config.ESCALATION_RULES, directory.holidays), directory };
    return merged;
  };
  const deps = {
    outbox,
    mailer: new SesNotificationMailer(new SESv2Client({ retryMode: 'adaptive' }), config.NOTIFICATION_SENDER_ADDRESS),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    signingKey: ring.current,
    statusTokenTtlDays: config.STATUS_TOKEN_TTL_DAYS,
    onError: (error: unknown, notification: StoredNotification) =>
      logger.warn('Notification not sent; the sweep retries it after its lease', {
        notificationId: notification.notificationId,
        kind: notification.kind,
        error: errorForLog(error),
      }),
  };
  return {
    /** The rules as deployed, before the admins' holiday changes. */
    deployedRules: config.ESCALATION_RULES,
    /** The rules with the admins' holiday changes, and the directory as the table has it now (read at most once a minute). */
    currentSettings,
    outbox,
    deliver: async (
      items: readonly { notification: StoredNotification; context?: NotificationContext | undefined }[],
      now = new Date(),
    ): Promise<DeliveryReport> => deliverNotifications(items, { ...deps, settings: await currentSettings() }, now),
  };
};
