// 立卷归档 messages (domain.md §11): the archive check of one case as computed in the background, with the
// clerk's flags. Pure zod: imported by the content script, the background and the tests.
import { z } from 'zod';
import { FlagRowSchema } from '../store/records';
import { ArchiveFlagSchema } from '../rules/archive-flags';

export const ArchiveItemResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  volume: z.enum(['main', 'sub']),
  state: z.enum(['present', 'missing', 'not-applicable']),
  matched: z.array(z.string()),
  reason: z.string(),
  basis: z.string(),
  tag: z.enum(['S', 'P', 'G']),
});

export const ServiceProofResultSchema = z.object({
  document: z.string(),
  party: z.string(),
  role: z.string().optional(),
  state: z.enum(['present', 'missing']),
  proofTitle: z.string().optional(),
  note: z.string().optional(),
});

export const ArchiveCountdownSchema = z.object({
  closedOn: z.string().nullable(),
  warnOn: z.string().nullable(),
  overdueOn: z.string().nullable(),
  daysSinceClosed: z.number().int().nullable(),
  state: z.enum(['not-closed', 'ok', 'due', 'overdue', 'archived']),
});

export const ArchiveCheckResultSchema = z.object({
  listId: z.string().nullable(),
  listName: z.string().nullable(),
  items: z.array(ArchiveItemResultSchema),
  unmatched: z.array(z.string()),
  serviceProof: z.array(ServiceProofResultSchema),
  flags: z.array(ArchiveFlagSchema),
  countdown: ArchiveCountdownSchema,
  notes: z.array(z.string()),
  problem: z.enum(['无法读取卷宗目录', '无适用清单']).optional(),
});

/** content / popup → background: the archive checklist of one stored case (listId: the clerk's choice). */
export const GetArchiveCheckMessageSchema = z.object({
  type: z.literal('getArchiveCheck'),
  caseNo: z.string().min(1),
  listId: z.string().min(1).optional(),
});

export const GetArchiveCheckReplySchema = z.object({
  /** null: the local store does not know the case yet */
  check: ArchiveCheckResultSchema.nullable(),
  /** why the 目录 could not be read, in Chinese (with problem 无法读取卷宗目录) */
  problemReason: z.string().optional(),
  /** the clerk's flags for the case, oldest first, with their write-back state */
  flags: z.array(FlagRowSchema),
  /** the lists the clerk may choose from */
  lists: z.array(z.object({ id: z.string(), name: z.string() })),
  /** where the checklists come from: the built-in table or the court's own (options page) */
  tableSource: z.enum(['default', 'custom']),
  /** a stored custom table that no longer validates (the default table was used instead) */
  tableError: z.string().optional(),
  /** the flag endpoint of the case's host profile; null when it has none (flags then stay local) */
  flagEndpoint: z.string().nullable(),
});
export type GetArchiveCheckReply = z.infer<typeof GetArchiveCheckReplySchema>;
