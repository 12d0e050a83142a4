import { foundation } from './2026_11_22_0001_foundation';
import { documents } from './2026_11_22_0002_documents';
import { bins } from './2026_11_22_0003_bins';
import { people } from './2026_11_22_0004_people';
import { apiTokens } from './2026_11_22_0005_api_tokens';
import { totp } from './2026_11_22_0006_totp';
import { approvals } from './2026_11_22_0007_approvals';
import { auditLog } from './2026_11_22_0008_audit_log';
import { stockLevels } from './2026_12_01_0009_stock_levels';
import type { MigrationFactory } from './types';

/** Every migration, by name; names sort in the order they run. Never edit one that has landed. */
export const migrations: Record<string, MigrationFactory> = {
  '2026_11_22_0001_foundation': foundation,
  '2026_11_22_0002_documents': documents,
  '2026_11_22_0003_bins': bins,
  '2026_11_22_0004_people': people,
  '2026_11_22_0005_api_tokens': apiTokens,
  '2026_11_22_0006_totp': totp,
  '2026_11_22_0007_approvals': approvals,
  '2026_11_22_0008_audit_log': auditLog,
  '2026_12_01_0009_stock_levels': stockLevels,
};
