import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { HOME_OF_ROLE, session, type Role } from './lib/session';
import AppLayout from './layouts/AppLayout.vue';
import LoginView from './views/LoginView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    roles?: Role[];
  }
}

const office: Role[] = ['office'];
const leaderOrOffice: Role[] = ['leader', 'office'];
const everyone: Role[] = ['leader', 'office', 'district'];

/** A route per screen; the menu in AppLayout lists those the user's role may open. */
const routes: RouteRecordRaw[] = [
  { path: '/login', component: LoginView, meta: { title: '登录' } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: () => (session.user ? HOME_OF_ROLE[session.user.role] : '/login') },
      {
        path: 'leader',
        component: () => import('./views/leader/LeaderHome.vue'),
        meta: { title: '全市总览', roles: leaderOrOffice },
      },
      {
        path: 'leader/districts/:districtId',
        component: () => import('./views/leader/DistrictDetail.vue'),
        meta: { title: '区县详情', roles: leaderOrOffice },
      },
      {
        path: 'communities/:communityId',
        component: () => import('./views/common/CommunityDetail.vue'),
        meta: { title: '社区详情', roles: everyone },
      },
      {
        path: 'rankings',
        component: () => import('./views/common/RankingsView.vue'),
        meta: { title: '排名', roles: everyone },
      },
      {
        path: 'office/board',
        component: () => import('./views/office/ReportingBoard.vue'),
        meta: { title: '本期报送', roles: office },
      },
      {
        path: 'office/reports/:month/:districtId',
        component: () => import('./views/office/ReportReview.vue'),
        meta: { title: '报表审核', roles: office },
      },
      {
        path: 'office/rankings',
        component: () => import('./views/office/RankingReview.vue'),
        meta: { title: '排名审核与发布', roles: office },
      },
      {
        path: 'office/targets',
        component: () => import('./views/office/TargetsWeights.vue'),
        meta: { title: '目标与权重', roles: office },
      },
      {
        path: 'office/calendar',
        component: () => import('./views/office/CalendarSettings.vue'),
        meta: { title: '报送日历', roles: office },
      },
      {
        path: 'office/users',
        component: () => import('./views/office/UsersAdmin.vue'),
        meta: { title: '用户管理', roles: office },
      },
      {
        path: 'office/audit',
        component: () => import('./views/office/AuditLog.vue'),
        meta: { title: '审计日志', roles: office },
      },
      {
        path: 'office/ratings',
        component: () => import('./views/office/PropertyRating.vue'),
        meta: { title: '物业评价', roles: office },
      },
      {
        path: 'office/complaints',
        component: () => import('./views/office/ComplaintsPatrols.vue'),
        meta: { title: '投诉与巡查', roles: office },
      },
      {
        path: 'office/grid',
        component: () => import('./views/office/GridTimeLimits.vue'),
        meta: { title: '电网时限', roles: office },
      },
      {
        path: 'office/working-calendar',
        component: () => import('./views/office/WorkingCalendar.vue'),
        meta: { title: '工作日历', roles: office },
      },
      {
        path: 'office/anomalies',
        component: () => import('./views/office/AnomalyReview.vue'),
        meta: { title: '异常数据', roles: office },
      },
      {
        path: 'office/subsidy',
        component: () => import('./views/office/SubsidyAdmin.vue'),
        meta: { title: '补贴管理', roles: office },
      },
      {
        path: 'office/platform',
        component: () => import('./views/office/PlatformData.vue'),
        meta: { title: '平台数据', roles: office },
      },
      {
        path: 'office/exports',
        component: () => import('./views/office/ExportCenter.vue'),
        meta: { title: '导出中心', roles: office },
      },
      {
        path: 'district',
        component: () => import('./views/district/DistrictHome.vue'),
        meta: { title: '本区县报送', roles: ['district'] },
      },
      {
        path: 'notifications',
        component: () => import('./views/common/NotificationsView.vue'),
        meta: { title: '站内通知', roles: everyone },
      },
      {
        path: 'account',
        component: () => import('./views/common/AccountView.vue'),
        meta: { title: '修改密码', roles: everyone },
      },
    ],
  },
  { path: '/:rest(.*)*', component: () => import('./views/common/NotFound.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.path === '/login') return session.user ? HOME_OF_ROLE[session.user.role] : true;
  if (!session.user) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return HOME_OF_ROLE[session.user.role];
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title ? `${to.meta.title} - ` : ''}充电设施建设报送与绩效系统`;
});

window.addEventListener('evc:session-expired', () => {
  void router.push({ path: '/login' });
});
