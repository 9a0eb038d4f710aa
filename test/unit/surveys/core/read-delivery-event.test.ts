import { describe, expect, it } from 'vitest';
import { sesDeliveryEventSchema } from '../../../../functions/surveys/contracts/survey-mail-messages.ts';
import { addressKey } from '../../../../functions/surveys/core/address-key.ts';
import { readDeliveryEvent } from '../../../../functions/surveys/core/read-delivery-event.ts';
import { sesBounceEvent, sesComplaintEvent } from '../../../helpers/ses-events.ts';

describe('readDeliveryEvent', () => {
  it('suppresses a permanently bounced address by its hash, naming the tagged invitation', () => {
    const event = sesDeliveryEventSchema.parse(sesBounceEvent({ address: 'Ada@Example.com', invitationId: 'inv-1' }));
    const effect = readDeliveryEvent(event);
    expect(effect).toEqual({
      kind: 'suppress',
      invitationId: 'inv-1',
      detail: 'Permanent/General',
      at: '2026-11-25T12:00:01.000Z',
      suppressions: [{ addressKey: addressKey('ada@example.com'), reason: 'bounced', at: '2026-11-25T12:00:01.000Z', detail: 'Permanent/General' }],
    });
    expect(JSON.stringify(effect)).not.toMatch(/ada@/i);
  });

  it('suppresses a complaining address as complained', () => {
    const effect = readDeliveryEvent(sesDeliveryEventSchema.parse(sesComplaintEvent({ address: 'ada@example.com', invitationId: 'inv-1' })));
    expect(effect).toMatchObject({ kind: 'suppress', detail: 'complaint/abuse', suppressions: [{ reason: 'complained' }] });
  });

  it.each(['Transient', 'Undetermined'])('ignores a %s bounce: SES may still deliver', (bounceType) => {
    const event = sesDeliveryEventSchema.parse(sesBounceEvent({ address: 'ada@example.com', invitationId: 'inv-1' }));
    expect(readDeliveryEvent({ ...event, detail: { ...event.detail, bounce: { ...event.detail.bounce!, bounceType } } })).toEqual({
      kind: 'ignore',
      why: `${bounceType} bounce`,
    });
  });

  it('suppresses mail without our tag too, with no invitation to name', () => {
    const event = sesDeliveryEventSchema.parse(sesBounceEvent({ address: 'ada@example.com' }));
    expect(readDeliveryEvent(event)).toMatchObject({ kind: 'suppress', invitationId: undefined });
  });
});

describe('addressKey', () => {
  it('is the same for an address in any case or with spaces around it, and differs between addresses', () => {
    expect(addressKey(' ADA@example.com ')).toBe(addressKey('ada@example.com'));
    expect(addressKey('ada@example.com')).not.toBe(addressKey('bob@example.com'));
    expect(addressKey('ada@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });
});
