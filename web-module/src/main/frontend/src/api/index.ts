export type {
  AuditEntry,
  AuditQuery,
  AuditVerification,
  Classification,
  ClientConfig,
  FieldError,
  Label,
  Labelled,
  Me,
  Page,
  Problem,
  Role,
} from './types';
export { CLASSIFICATIONS, RELEASABLE_TO_ALL, ROLES } from './types';
export { ApiError, describeProblem, parseProblem } from './problem';
export { API_BASE, ApiClient, fetchClientConfig } from './client';
export type { ApiClientOptions, RequestOptions } from './client';
