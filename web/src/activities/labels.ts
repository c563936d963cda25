// Display texts of organizational life's enumerations in the current language, on top of the
// app's labels (useLabels: dates, org types, recruitment stages …). A value the server added
// after this build falls back to the raw word, as useLabels does.
import { useI18n } from 'vue-i18n'
import type { ActivityApi } from '@/api/activities'
import { useLabels } from '@/composables/useLabels'
import { statusTag } from './compliance'
import { kindTag } from './kinds'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const REPORT_STATE_TAG: Record<ActivityApi.ReportState, TagType> = {
  submitted: 'warning',
  accepted: 'success',
  returned: 'danger',
}

const ATTENDANCE_TAG: Record<ActivityApi.Attendance, TagType> = {
  present: 'success',
  leave: 'warning',
  absent: 'danger',
}

export function useActivityLabels() {
  const { t, te } = useI18n()
  const labels = useLabels()

  const label = (group: string, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return ''
    const key = `enum.${group}.${value}`
    return te(key) ? t(key) : value
  }

  return {
    ...labels,
    activityKind: (v: ActivityApi.Kind | string | null | undefined) => label('activityKind', v),
    activityKindTag: kindTag,
    attendance: (v: ActivityApi.Attendance | string | null | undefined) => label('attendance', v),
    attendanceTag: (v: ActivityApi.Attendance | string): TagType => ATTENDANCE_TAG[v as ActivityApi.Attendance] ?? 'info',
    complianceStatus: (v: ActivityApi.Status | string | null | undefined) => label('complianceStatus', v),
    complianceStatusTag: statusTag,
    reportState: (v: ActivityApi.ReportState | string | null | undefined) => label('reportState', v),
    reportStateTag: (v: ActivityApi.ReportState | string): TagType =>
      REPORT_STATE_TAG[v as ActivityApi.ReportState] ?? 'info',
    // A requirement or missing item (general_meeting, committee_meeting, class, member_classes).
    requirement: (v: string) => (te(`compliance.key.${v}`) ? t(`compliance.key.${v}`) : v),
    // Class hours as the server sends them (1.5 → "1.5 学时").
    hours: (v: number | null | undefined) => (v === null || v === undefined ? '' : t('activity.detail.hours', { hours: v })),
  }
}
