/**
 * The shape of a countermeasure list version (`lists/<list>/<date>.json`):
 * named entities, the measure that lists them and its effect, the instruments
 * with pinpoints, and the status windows of the measure. Validated like a
 * tariff version; a list changes no amount, it is screened beside the fees.
 */
import { z } from 'zod';
import { Instrument, Ref, StatusWindow } from '../tariffs/schema';

const Country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const LocalMoment = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'YYYY-MM-DD or YYYY-MM-DDTHH:mm (list zone)');

/** One listed entity: its name as the instrument writes it, other names it goes by, and where it is listed. */
export const ListEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    country: Country,
    /** The moment (list zone) from which the measure applies to this entry. */
    listed: LocalMoment,
    ref: Ref,
    note: z.string().optional(),
  })
  .strict();
export type ListEntry = z.infer<typeof ListEntry>;

export const ListVersion = z
  .object({
    $schema: z.string().optional(),
    /** `<list>/<published>`. */
    id: z.string(),
    list: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    authority: z.string().min(1),
    /** The knowledge date: a quote whose asOf is on or after it screens against this version. */
    published: LocalDate,
    summary: z.string().min(1),
    zone: z.string(),
    /** What the listing does, in a sentence, and whether it touches a port call. */
    measure: z
      .object({
        title: z.string().min(1),
        effect: z.string().min(1),
        portMeasure: z.boolean(),
        ref: Ref,
      })
      .strict(),
    instruments: z.array(Instrument).min(1),
    /** When the measure is in force, suspended or unconfirmed (then a declared assumption decides). */
    statusWindows: z.array(StatusWindow).min(1),
    entries: z.array(ListEntry).min(1),
  })
  .strict();
export type ListVersion = z.infer<typeof ListVersion>;
