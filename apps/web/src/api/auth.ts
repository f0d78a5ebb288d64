import type { CurrentUser } from '../lib/session';
import { request } from './http';

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: CurrentUser;
}

export const authApi = {
  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/auth/login', { body: { username, password } }),
  me: () => request<CurrentUser>('GET', '/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
};
