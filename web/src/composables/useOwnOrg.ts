// The signed-in user's own org (the top of their scope), with its type and parent: asked once, on
// mount, when the user holds `permission` (nobody else needs to know); null until known or when
// it could not be read.
import { onMounted, ref } from 'vue'
import { getOrg, type OrgApi } from '@/api/orgs'
import type { Permission } from '@/auth/permissions'
import { useAuthStore } from '@/stores/auth'

export function useOwnOrg(permission: Permission) {
  const auth = useAuthStore()
  const org = ref<OrgApi.OrgDetail | null>(null)

  onMounted(async () => {
    const user = auth.user
    if (!user || !auth.can(permission)) return
    try {
      org.value = await getOrg(user.org_id)
    } catch {
      org.value = null
    }
  })

  return org
}
