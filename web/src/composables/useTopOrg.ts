// Whether the signed-in user belongs to the top org (the org without a parent): some acts are the
// top committee's alone (allocating member number ranges, opening a year's registration). Asked
// once, when the user holds `permission` (nobody else needs to know); false until known.
import { onMounted, ref } from 'vue'
import { getOrg } from '@/api/orgs'
import type { Permission } from '@/auth/permissions'
import { useAuthStore } from '@/stores/auth'

export function useTopOrg(permission: Permission) {
  const auth = useAuthStore()
  const topOrg = ref(false)

  onMounted(async () => {
    const user = auth.user
    if (!user || !auth.can(permission)) return
    try {
      topOrg.value = (await getOrg(user.org_id)).parent_id === null
    } catch {
      topOrg.value = false
    }
  })

  return topOrg
}
