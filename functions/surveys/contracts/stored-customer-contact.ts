import * as z from 'zod/mini';

const instant = z.iso.datetime();

/**
 * How to reach a customer (`CUSTOMER#<id>` / `CONTACT`), as the latest resolved case reported it.
 * Written on every `POST /cases/resolved`; read by the mailer (address, name, language) and by
 * relationship campaigns, which find the customers seen in a month on gsi1
 * (`gsi1pk = SEEN#<yyyy-mm of lastSeenAt>`, `gsi1sk = <customerId>`). Personal data: never logged.
 */
export const storedCustomerContactSchema = z.looseObject({
  customerId: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  locale: z.optional(z.string()),
  tier: z.enum(['premium', 'standard']),
  region: z.optional(z.string()),
  lastSeenAt: instant,
});
