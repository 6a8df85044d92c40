// Response payloads whose shape belongs to other layers, gathered in one place: the view model
// (utils/views) and host profiles (utils/host). Messaging validates replies against them.
import { z } from 'zod';
import { CaseViewSchema, RowViewSchema } from '../views/case-view';
import { HostProfileSchema } from '../host/profile';

export { CaseViewSchema, HostProfileSchema, RowViewSchema };
export type { CaseView, RowView } from '../views/case-view';

/** The outcome of a what-if deadline simulation: the case view recomputed with the hypothetical events. */
export const WhatIfResultSchema = CaseViewSchema;
export type WhatIfResult = z.infer<typeof WhatIfResultSchema>;
