import { eventually, type PipelineConnection } from './pipeline-connection.ts';

/** One email as aws-ses-v2-local's `GET /store` lists it. */
export interface StoredEmail {
  readonly messageId: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
}

/**
 * The local pipeline's sent mail (the SES emulator's store) and its schedules' control endpoint,
 * as the escalation tests read and fire them.
 *
 * @example
 * ```ts
 * const { emailTo, fireSchedule } = mailAndSchedules(inject('pipeline'));
 * await fireSchedule(/SweepSchedule/);
 * await emailTo('yui.tanaka@example.com', /assigned to you/);
 * ```
 */
export const mailAndSchedules = (pipeline: Pick<PipelineConnection, 'mailUrl' | 'controlUrl'>) => {
  const emailsTo = async (address: string): Promise<StoredEmail[]> => {
    const { emails } = (await (await fetch(`${pipeline.mailUrl}/store`)).json()) as { emails: StoredEmail[] };
    return emails.filter((email) => email.destination.to.includes(address));
  };
  const emailTo = (address: string, matching: RegExp, timeoutMs = 20_000) =>
    eventually(
      async () => (await emailsTo(address)).find((email) => matching.test(email.subject)),
      timeoutMs,
      `an email to a test address matching ${matching}`,
    );
  /** Fires the one template schedule whose name matches, now, and waits for its run to finish. */
  const fireSchedule = async (name: RegExp) => {
    const { schedules } = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string }[] };
    const schedule = schedules.find((candidate) => name.test(candidate.name));
    if (schedule === undefined) throw new Error(`no schedule matching ${name} among ${schedules.map((s) => s.name).join(', ')}`);
    const response = await fetch(`${pipeline.controlUrl}/schedules/${encodeURIComponent(schedule.name)}/run`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`firing ${schedule.name} answered ${response.status}`);
  };
  return { emailsTo, emailTo, fireSchedule };
};
