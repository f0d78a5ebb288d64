import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { progressApi, type TargetPlan } from '../api/progress';
import { shanghaiMonth } from './month';
import { errorText } from './use-async';

/**
 * The plan and month a dashboard shows, kept in the address (?planId=&month=) so a drill-down and the back button
 * return to the same view. Defaults: the plan ending last (the full-coverage plan), the current month.
 */
export function usePlanMonth() {
  const route = useRoute();
  const router = useRouter();
  const plans = ref<TargetPlan[]>([]);
  const plansError = ref<string | null>(null);
  const planId = ref<number | null>(route.query.planId ? Number(route.query.planId) : null);
  const month = ref<string>(typeof route.query.month === 'string' ? route.query.month : shanghaiMonth());
  const plan = computed(() => plans.value.find((p) => p.id === planId.value) ?? null);

  const ready = (async () => {
    try {
      plans.value = await progressApi.plans();
      if (planId.value === null || !plans.value.some((p) => p.id === planId.value))
        planId.value = plans.value[0]?.id ?? null;
    } catch (e) {
      plansError.value = errorText(e);
    }
  })();

  watch([planId, month], ([p, m]) => {
    if (p === null) return;
    const query = { ...route.query, planId: String(p), month: m };
    if (query.planId !== route.query.planId || query.month !== route.query.month) void router.replace({ query });
  });

  return { plans, plansError, planId, month, plan, ready };
}
