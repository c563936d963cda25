// A general meeting's vote in a form (支部大会 in recruitment, 团员大会 in Party recommendation):
// the verdict of checkVote (the server's integer rule) on the form's three numbers, and the form
// rule for the `vote` item (VoteCountFields), which is checked again as soon as all three are
// given so the verdict follows the numbers.
import { computed, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormInstance, FormItemRule } from 'element-plus'
import { checkVote } from '@/recruitment/workflow'

export interface VoteCounts {
  eligible: number | null
  present: number | null
  yes: number | null
}

export function useVoteCheck(counts: VoteCounts, formRef: Ref<FormInstance | undefined>) {
  const { t } = useI18n()
  const vote = computed(() => checkVote(counts.eligible, counts.present, counts.yes))
  const complete = computed(() => vote.value.problem !== 'required')

  const validator: NonNullable<FormItemRule['validator']> = (_rule, _value, callback) => {
    const v = vote.value
    if (v.problem) return callback(new Error(t(`vote.problem.${v.problem}`)))
    if (!v.passed) return callback(new Error(t('vote.problem.failed')))
    return callback()
  }

  watch(
    () => [counts.eligible, counts.present, counts.yes],
    () => {
      if (complete.value) void formRef.value?.validateField('vote').catch(() => {})
    },
  )

  const rule: FormItemRule = { required: true, validator, trigger: 'change' }
  return { vote, complete, rule }
}
