// Display texts of Youth Study's enumerations in the current language, on top of the app's labels
// (useLabels: dates, instants …): where a participation came from, why an imported row was left
// out, an episode's state, and rates as percents. A value the server added after this build falls
// back to the raw word, as useLabels does.
import { useI18n } from 'vue-i18n'
import type { StudyApi } from '@/api/study'
import { useLabels } from '@/composables/useLabels'
import { formatPermille } from '@/format/rate'
import { episodeStateTag, type EpisodeState } from './episodes'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const SOURCE_TAG: Record<StudyApi.Source, TagType> = {
  self: 'success',
  api: 'primary',
  import: 'info',
}

export function useStudyLabels() {
  const { t, te } = useI18n()
  const labels = useLabels()

  const label = (group: string, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return ''
    const key = `enum.${group}.${value}`
    return te(key) ? t(key) : value
  }

  return {
    ...labels,
    studySource: (v: StudyApi.Source | string | null | undefined) => label('studySource', v),
    studySourceTag: (v: StudyApi.Source | string): TagType => SOURCE_TAG[v as StudyApi.Source] ?? 'info',
    unmatchedReason: (v: StudyApi.UnmatchedReason | string | null | undefined) => label('studyUnmatched', v),
    episodeState: (v: EpisodeState) => label('studyEpisodeState', v),
    episodeStateTag,
    // A rate in per mille as '85.3%'.
    rate: (permille: number | null | undefined) =>
      t('study.ratePercent', { rate: formatPermille(permille ?? 0) }),
  }
}
