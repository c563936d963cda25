import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, reactive } from 'vue'
import { mount } from '@vue/test-utils'
import { ElForm } from 'element-plus'
import { i18n } from '@/locales'
import VoteCountFields from '@/components/vote/VoteCountFields.vue'

// The vote fields of the recruitment step and of the Party recommendation, inside a form.
function mountFields(counts: { eligible: number | null; present: number | null; yes: number | null }) {
  const form = reactive({ ...counts })
  const Host = defineComponent({
    setup() {
      return () =>
        h(ElForm, { model: form }, () =>
          h(VoteCountFields, {
            testidPrefix: 'party-vote',
            eligible: form.eligible,
            present: form.present,
            yes: form.yes,
            'onUpdate:eligible': (v: number | null) => (form.eligible = v),
            'onUpdate:present': (v: number | null) => (form.present = v),
            'onUpdate:yes': (v: number | null) => (form.yes = v),
          }),
        )
    },
  })
  i18n.global.locale.value = 'zh-CN'
  return { wrapper: mount(Host, { global: { plugins: [i18n] } }), form }
}

describe('VoteCountFields', () => {
  it('asks for the numbers until all three are given', () => {
    const { wrapper } = mountFields({ eligible: 30, present: null, yes: null })
    expect(wrapper.find('[data-testid="vote-check"]').text()).toContain('填写人数后显示是否通过')
    expect(wrapper.find('[data-testid="vote-result"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="party-vote-eligible"]').exists()).toBe(true)
  })

  it('tells a passed vote and a failed one as the numbers change', async () => {
    const { wrapper, form } = mountFields({ eligible: 30, present: 20, yes: 11 })
    expect(wrapper.find('[data-testid="vote-result"]').text()).toBe('表决通过')
    form.yes = 10
    await nextTick()
    expect(wrapper.find('[data-testid="vote-majority"]').text()).toContain('未超过实到 20 人的半数')
    expect(wrapper.find('[data-testid="vote-result"]').text()).toBe('表决未通过')
    form.present = 15
    await nextTick()
    expect(wrapper.find('[data-testid="vote-quorum"]').text()).toContain('未超过应到 30 人的半数')
  })
})
