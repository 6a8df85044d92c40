export * from './case-key';
export * from './case-count';
export * from './db';
export * from './records';
export * from './repo';
export { SCHEMA_HISTORY, SCHEMA_VERSION, TABLES, applySchema, upgradeBackupTables, type SchemaVersion, type TableName } from './schema';
export * from './zod-issues';
