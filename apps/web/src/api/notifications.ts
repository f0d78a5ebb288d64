import { request } from './http';

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  districtId: number | null;
  month: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: NotificationItem[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

export const notificationsApi = {
  page: (page = 1, pageSize = 20) => request<InboxPage>('GET', '/notifications', { query: { page, pageSize } }),
  read: (id: string) => request<NotificationItem>('POST', `/notifications/${id}/read`),
  readAll: () => request<{ marked: number }>('POST', '/notifications/read-all'),
};
