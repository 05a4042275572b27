import { z } from 'zod';

/** An instant in ISO 8601 with an explicit offset (`2025-03-14T09:26:53.589Z`), never a bare local time. */
export const timestampSchema = z.iso.datetime({ offset: true });
