import { reactive } from 'vue';

export type Role = 'office' | 'district' | 'leader';

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districtId: number | null;
}

const STORAGE_KEY = 'evc.session';

interface Stored {
  token: string;
  user: CurrentUser;
  expiresAt: number;
}

function load(): Stored | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

const initial = load();

/** The signed-in user and token, kept for the browser tab (sessionStorage) until sign-out or expiry. */
export const session = reactive({
  token: initial?.token ?? (null as string | null),
  user: initial?.user ?? (null as CurrentUser | null),
  /** Set when the API refused the token: the router sends the user to the login page with this notice. */
  expiredNotice: null as string | null,
  signIn(token: string, user: CurrentUser, expiresInSeconds: number) {
    this.token = token;
    this.user = user;
    this.expiredNotice = null;
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ token, user, expiresAt: Date.now() + expiresInSeconds * 1000 } satisfies Stored),
    );
  },
  signOut() {
    this.token = null;
    this.user = null;
    sessionStorage.removeItem(STORAGE_KEY);
  },
  expire() {
    this.signOut();
    this.expiredNotice = '登录已失效，请重新登录';
    window.dispatchEvent(new CustomEvent('evc:session-expired'));
  },
});

export const ROLE_LABELS: Record<Role, string> = {
  office: '市发展改革委',
  district: '区县（园区）',
  leader: '领导',
};

export const HOME_OF_ROLE: Record<Role, string> = {
  office: '/office/board',
  district: '/district',
  leader: '/leader',
};
