import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import 'element-plus/dist/index.css';
import VueApexCharts from 'vue3-apexcharts';
import apexZhCn from 'apexcharts/dist/locales/zh-cn.json';
import App from './App.vue';
import { router } from './router';
import './styles.css';

// Every chart in Chinese, with the page's font; each chart may still override.
(window as unknown as { Apex: unknown }).Apex = {
  chart: {
    locales: [apexZhCn],
    defaultLocale: 'zh-cn',
    fontFamily: 'inherit',
    toolbar: { show: false },
    animations: { enabled: false },
  },
  dataLabels: { enabled: false },
  noData: { text: '暂无数据' },
};

createApp(App).use(ElementPlus, { locale: zhCn }).use(VueApexCharts).use(router).mount('#app');
