/** The complaint status page's texts; `{time}` is filled with a date in the reader's language. */
const en = {
  title: 'Your complaint',
  reference: 'Reference',
  status: 'Status',
  history: 'What has happened so far',
  status_queued: 'Received, being registered',
  status_received: 'Received',
  status_under_review: 'Under review by a supervisor',
  status_resolved: 'Resolved',
  promiseGuaranteed: 'Under your support contract, we guarantee a response by {time}.',
  promiseTarget: 'We aim to respond by {time}. This is a target, not a guaranteed response time.',
  promiseNone: 'A supervisor will review your complaint. This page shows each step as it happens.',
  resolution: 'Resolution',
  timeZoneNote: 'Times are shown in {zone}.',
  invalidTitle: 'This link cannot be used',
  invalidBody: 'The status link is incomplete or has expired. Please use the link from your most recent email, or contact support with your reference.',
};

export type StatusPageMessages = typeof en;

const ja: StatusPageMessages = {
  title: 'お申し立ての状況',
  reference: '受付番号',
  status: '状況',
  history: 'これまでの経過',
  status_queued: '受付済み（登録処理中）',
  status_received: '受付済み',
  status_under_review: 'スーパーバイザーが確認中',
  status_resolved: '解決済み',
  promiseGuaranteed: 'ご契約のサポート内容に基づき、{time}までにご回答することをお約束します。',
  promiseTarget: '{time}までのご回答を目標としています。これは目標であり、回答時間を保証するものではありません。',
  promiseNone: 'スーパーバイザーがお申し立てを確認します。進捗はこのページでご確認いただけます。',
  resolution: '解決内容',
  timeZoneNote: '時刻は {zone} で表示しています。',
  invalidTitle: 'このリンクはご利用いただけません',
  invalidBody: 'ステータスリンクが不完全か、有効期限が切れています。最新のメールのリンクをご利用いただくか、受付番号を添えてサポートまでお問い合わせください。',
};

export const STATUS_PAGE_LOCALES = ['en', 'ja'] as const;
export type StatusPageLocale = (typeof STATUS_PAGE_LOCALES)[number];
export const statusPageMessages: Readonly<Record<StatusPageLocale, StatusPageMessages>> = { en, ja };
