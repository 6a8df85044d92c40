// The logged-in host user as a page shows it (PageResult.user). One schema for the engine that reads it and the
// background that trusts it as the signer's identity (utils/background/identity.ts).
import { z } from 'zod';
import { PAGE_USER_MAX } from './page-user-bounds';

export const PageUserSchema = z.object({
  name: z.string().trim().min(1).max(PAGE_USER_MAX.name),
  role: z.string().trim().min(1).max(PAGE_USER_MAX.role).optional(),
  division: z.string().trim().min(1).max(PAGE_USER_MAX.division).optional(),
});
export type PageUser = z.infer<typeof PageUserSchema>;
