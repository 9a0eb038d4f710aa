/**
 * SES events as EventBridge delivers them from a configuration set's event destination (the
 * shape of SES's "Examples of event data" with the EventBridge envelope): what the delivery-events
 * queue receives on AWS, and what tests put on it locally, where the emulator publishes none.
 */
const envelope = (detailType: string, detail: Record<string, unknown>) => ({
  version: '0',
  id: '4a3b2c1d-0000-4000-8000-000000000001',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '000000000000',
  time: '2026-11-25T12:00:02Z',
  region: 'us-east-1',
  resources: ['arn:aws:ses:us-east-1:000000000000:configuration-set/SupportFeedbackPipeline-surveys'],
  detail,
});

const mailOf = (address: string, invitationId: string | undefined, timestamp: string) => ({
  timestamp,
  source: 'surveys@example.com',
  messageId: '0100018c-0000-0000-0000-000000000000-000000',
  destination: [address],
  tags: {
    'ses:configuration-set': ['SupportFeedbackPipeline-surveys'],
    ...(invitationId === undefined ? {} : { invitationId: [invitationId], purpose: ['invitation'] }),
  },
});

/** An "Email Bounced" event: a permanent, general bounce of `address`. */
export const sesBounceEvent = ({ address, invitationId, at = '2026-11-25T12:00:01.000Z' }: { address: string; invitationId?: string; at?: string }) =>
  envelope('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      timestamp: at,
      feedbackId: '0100018c-feedback',
      reportingMTA: 'dsn; mta.example.com',
    },
    mail: mailOf(address, invitationId, '2026-11-25T12:00:00.000Z'),
  });

/** An "Email Complaint Received" event: `address` marked the message as spam. */
export const sesComplaintEvent = ({ address, invitationId, at = '2026-11-25T12:00:01.000Z' }: { address: string; invitationId?: string; at?: string }) =>
  envelope('Email Complaint Received', {
    eventType: 'Complaint',
    complaint: {
      complainedRecipients: [{ emailAddress: address }],
      timestamp: at,
      feedbackId: '0100018c-feedback',
      complaintFeedbackType: 'abuse',
    },
    mail: mailOf(address, invitationId, '2026-11-25T12:00:00.000Z'),
  });
