// Whether the signed-in user belongs to the top org (the org without a parent): some acts are the
// top committee's alone (allocating member number ranges, opening a year's registration). Asked
// once, when the user holds `permission` (nobody else needs to know); false until known.
import { computed } from 'vue'
import type { Permission } from '@/auth/permissions'
import { useOwnOrg } from './useOwnOrg'

export function useTopOrg(permission: Permission) {
  const org = useOwnOrg(permission)
  return computed(() => org.value !== null && org.value.parent_id === null)
}
