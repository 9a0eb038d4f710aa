/** The complainant-facing words of escalation emails, one catalogue per language. */
export type ComplainantMessages = {
  readonly acknowledgedSubject: (reference: string) => string;
  readonly acknowledgedIntro: string;
  readonly referenceLabel: string;
  readonly statusLinkLabel: string;
  /** Premium contracts: the acknowledgement and resolution times are promised. */
  readonly guaranteedPromise: (acknowledge: string, resolve: string) => string;
  /** Standard support: a target, honestly not a guarantee. */
  readonly targetPromise: (acknowledge: string, resolve: string) => string;
  readonly businessHours: (hours: number) => string;
  readonly resolvedSubject: (reference: string) => string;
  readonly resolvedIntro: string;
  readonly resolutionLabel: string;
  readonly signature: string;
};

const en: ComplainantMessages = {
  acknowledgedSubject: (reference) => `We are reviewing your complaint ${reference}`,
  acknowledgedIntro: 'Thank you for telling us. A support supervisor is now reviewing your complaint.',
  referenceLabel: 'Your reference',
  statusLinkLabel: 'Follow its status',
  guaranteedPromise: (acknowledge, resolve) =>
    `Under your premium support contract we guarantee that a supervisor acknowledges it within ${acknowledge} and that it is resolved within ${resolve}.`,
  targetPromise: (acknowledge, resolve) =>
    `We aim to acknowledge it within ${acknowledge} and to resolve it within ${resolve}. This is our target, not a guaranteed response time.`,
  businessHours: (hours) => (hours === 1 ? '1 business hour' : `${hours} business hours`),
  resolvedSubject: (reference) => `Your complaint ${reference} is resolved`,
  resolvedIntro: 'A support supervisor has resolved your complaint.',
  resolutionLabel: 'What we did',
  signature: 'Customer Support',
};

const ja: ComplainantMessages = {
  acknowledgedSubject: (reference) => `お問い合わせ ${reference} を確認しています`,
  acknowledgedIntro: 'ご連絡ありがとうございます。サポートの責任者がお客様のお申し出を確認しています。',
  referenceLabel: '受付番号',
  statusLinkLabel: '対応状況の確認',
  guaranteedPromise: (acknowledge, resolve) => `プレミアムサポート契約に基づき、${acknowledge}以内の受領確認と${resolve}以内の解決をお約束します。`,
  targetPromise: (acknowledge, resolve) =>
    `${acknowledge}以内の受領確認と${resolve}以内の解決を目標としています。これは目標であり、対応時間を保証するものではありません。`,
  businessHours: (hours) => `${hours}営業時間`,
  resolvedSubject: (reference) => `お問い合わせ ${reference} の対応が完了しました`,
  resolvedIntro: 'サポートの責任者がお客様のお申し出への対応を完了しました。',
  resolutionLabel: '対応内容',
  signature: 'カスタマーサポート',
};

/** Every language complainant emails are written in; others get English (see `pickLocale`). */
export const complainantMessages: Readonly<Record<string, ComplainantMessages>> = { en, ja };
