import type { SurveyMessages, SurveyReasonLabels } from './survey-messages.ts';

/**
 * The reason codes' Japanese labels, on their own so the supervisor console can show a ticked reason
 * as the customer saw it without bundling the rest of the survey's texts.
 */
export const jaReasonLabels: SurveyReasonLabels = {
  speed: '対応の速さ',
  knowledge: '知識',
  courtesy: '丁寧さ',
  resolution: '解決',
  communication: 'コミュニケーション',
  other: 'その他',
};

/** The survey's Japanese texts. */
export const ja = {
  emailSubject: 'サポートはいかがでしたか？',
  emailReminderSubject: '【再送】サポートはいかがでしたか？',
  emailIntro: '先日お問い合わせいただいた件が解決しました。サポートの対応についてご意見をお聞かせください。',
  emailCsatPrompt: '今回のサポートにどの程度満足されましたか？評価をお選びください：',
  emailNpsPrompt: '当社を友人や同僚に薦める可能性はどのくらいありますか？点数をお選びください：',
  emailOpenSurvey: 'アンケートを開く',
  emailUnsubscribe: 'アンケートの配信を停止する',
  emailGreetingBeforeName: '',
  emailGreetingAfterName: ' 様',
  emailGreetingWithoutName: 'お客様',
  emailReminderIntro: '先日、サポートの対応についてアンケートをお送りしました。お時間があれば、ぜひご意見をお聞かせください。',
  emailRelationshipIntro: '当社のサービスについて、定期的にお客様のご意見をうかがっています。1分ほどで終わります。',
  emailFooter: 'このメールは、サポートにお問い合わせいただいたお客様にお送りしています。下のリンクから、ワンクリックでアンケートメールの配信を停止できます。',
  pageTitle: 'サポートについてのアンケート',
  csatQuestion: '今回のサポートにどの程度満足されましたか？',
  csatLowLabel: 'とても不満',
  csatHighLabel: 'とても満足',
  npsQuestion: '当社を友人や同僚に薦める可能性はどのくらいありますか？',
  npsLowLabel: 'まったく薦めない',
  npsHighLabel: 'ぜひ薦めたい',
  cesQuestion: '問題を簡単に解決することができた。',
  cesLowLabel: 'まったくそう思わない',
  cesHighLabel: 'とてもそう思う',
  reasonsQuestion: '特に重要だった点は何ですか？（任意）',
  reasonLabels: jaReasonLabels,
  commentLabel: 'その他ご意見があればお聞かせください（任意）',
  submit: '送信',
  confirmScore: 'この評価で送信する',
  thankYouTitle: 'ありがとうございました',
  thankYouBody: '回答を保存しました。アンケートの受付期間中は回答を変更できます。',
  closedTitle: 'このアンケートは終了しました',
  closedBody: '回答の受付期間が終了しました。ご協力ありがとうございました。',
  invalidLinkTitle: 'このリンクは無効です',
  invalidLinkBody: '招待メールに記載されたリンクをそのままお使いください。',
  unsubscribeQuestion: 'アンケートメールの配信を停止しますか？',
  unsubscribeConfirm: '配信を停止する',
  unsubscribedBody: '今後、アンケートメールは送信されません。',
  page: {
    provisionalNotice: 'メールで選択された評価を選んであります。内容をご確認のうえ、送信して確定してください。',
    answeredNotice: 'このアンケートには回答済みです。受付期間中は回答を変更できます。',
    cesOptional: '（任意）',
    scoreMissing: '送信する前に評価を選んでください。',
    answerInvalid: '一部の回答を保存できませんでした。内容をご確認のうえ、もう一度送信してください。',
    unsubscribeTitle: 'アンケートの配信停止',
    unsubscribedTitle: '配信を停止しました',
    errorTitle: 'エラーが発生しました',
    errorBody: 'ページを表示できませんでした。しばらくしてからもう一度お試しください。',
  },
} as const satisfies SurveyMessages;
