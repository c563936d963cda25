import type { RouteRecordRaw } from 'vue-router'
import { Reading } from '@element-plus/icons-vue'

// 青年大学习 (shared/UI.md): 期次 (the seasons and weekly episodes with the user's org's rate, each
// episode's participants), 参学记录导入 (the platform's participation list for an episode) and
// 参学率排名 (an episode's ranking of an org's children, and the org's trend). Reading needs
// member.read (as the server wants); importing needs study.record; keeping seasons and episodes
// (study.manage) and recording one member's participation (study.record) are gated inside the pages.
const routes: RouteRecordRaw[] = [
  {
    path: '/study',
    name: 'study',
    redirect: '/study/episodes',
    meta: { title: 'menu.study', icon: Reading },
    children: [
      {
        path: 'episodes',
        name: 'study-episodes',
        component: () => import('@/views/study/EpisodesView.vue'),
        meta: { title: 'menu.studyEpisodes', permission: 'member.read' },
      },
      {
        path: 'import',
        name: 'study-import',
        component: () => import('@/views/study/StudyImportView.vue'),
        meta: { title: 'menu.studyImport', permission: 'study.record' },
      },
      {
        path: 'ranking',
        name: 'study-ranking',
        component: () => import('@/views/study/StudyRankingView.vue'),
        meta: { title: 'menu.studyRanking', permission: 'member.read' },
      },
    ],
  },
]

export default routes
