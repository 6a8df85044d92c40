// The §11.5 completeness flags, apart from the checklists so light modules (messages) can use them.
import { z } from 'zod';

export const ArchiveFlagSchema = z.enum([
  'missingServiceProof',
  'missingPronouncementRecord',
  'extensionWithoutApproval',
  'deductionWithoutBasis',
  'missingSimilarCaseReport',
  'missingSupervisionRecord',
  'missingTerminationEvidence',
  'missingRequiredItem',
  'archiveDue',
  'archiveOverdue',
]);
export type ArchiveFlag = z.infer<typeof ArchiveFlagSchema>;
