import type { Role } from '../lib/session';
import { request } from './http';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtId: number | null;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  districtId?: number;
  password: string;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  districtId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export const usersApi = {
  list: () => request<UserRecord[]>('GET', '/users'),
  create: (user: NewUser) => request<UserRecord>('POST', '/users', { body: user }),
  disable: (id: number) => request<UserRecord>('POST', `/users/${id}/disable`),
  enable: (id: number) => request<UserRecord>('POST', `/users/${id}/enable`),
  audit: (query: { page: number; pageSize: number; action?: string; entityType?: string }) =>
    request<{ items: AuditEvent[]; total: number }>('GET', '/audit-events', { query }),
};
