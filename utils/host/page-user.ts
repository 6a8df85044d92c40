// The logged-in host user as a page shows it (PageResult.user). One schema for the engine that reads it and the
// background that trusts it as the signer's identity (utils/background/identity.ts).
import { z } from 'zod';

export const PageUserSchema = z.object({
  name: z.string().trim().min(1).max(64),
  role: z.string().trim().min(1).max(32).optional(),
  division: z.string().trim().min(1).max(64).optional(),
});
export type PageUser = z.infer<typeof PageUserSchema>;
