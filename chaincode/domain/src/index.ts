export { assertMayRecord, rolesForStep } from './trace/authority';
export { collectionOf, DATA_LEVELS, mayRead, recordingLevel, type DataLevel } from './trace/data-levels';
export { TraceError, type TraceErrorCode } from './trace/errors';
export { isRole, ROLES, type Role } from './trace/roles';
