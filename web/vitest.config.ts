import { fileURLToPath, URL } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      environment: 'happy-dom',
      include: ['tests/unit/**/*.test.ts'],
      restoreMocks: true,
      // Component tests mount SFCs whose Element Plus parts come with their CSS imports, which
      // only Vite (not Node) can load.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)
