// The dues standards (GET /dues/standards) and the one in force today, for the pages that show or
// work out amounts. Loaded on demand; the defaults stand in until loaded (and if they cannot be).
import { computed, ref } from 'vue'
import { listStandards, type DuesApi } from '@/api/dues'
import { standardOn } from '@/dues/rules'
import { todayIso } from '@/members/rules'

// The national defaults, as the server answers them (for before the first answer).
export const NATIONAL_DEFAULTS: DuesApi.StandardValues = {
  effective_from: '2000-01-01',
  student_fen: 20,
  no_income_fen: 20,
  farmer_fen: 50,
  low_wage_fen: 300,
  wage_threshold_fen: 200000,
  wage_per_mille: 2,
  max_fen: 2000,
  start_offset_months: 1,
  branch_keep_percent: 0,
  committee_keep_percent: 50,
}

export function useDuesStandards() {
  const standards = ref<DuesApi.Standards | null>(null)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      standards.value = await listStandards()
    } catch {
      // shown by the request client; the defaults stand in
    } finally {
      loading.value = false
    }
  }

  const defaults = computed<DuesApi.StandardValues>(() => standards.value?.defaults ?? NATIONAL_DEFAULTS)
  const inForce = computed<DuesApi.StandardValues>(() =>
    standardOn<DuesApi.StandardValues>(standards.value?.items ?? [], defaults.value, todayIso()),
  )

  return { standards, loading, load, defaults, inForce }
}
