import { fileURLToPath } from 'node:url';
import { VantResolver } from '@vant/auto-import-resolver';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';
import { vantIconFont } from './build/vantIconFont.ts';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
    // Vant components are imported on demand, each with its own stylesheet; our own components
    // are imported explicitly, so only Vant is resolved here.
    Components({
      dirs: [],
      resolvers: [VantResolver()],
      dts: 'src/components.d.ts',
      // Declared, not detected: detection differs between dev and build, and the generated
      // file (committed, used by vue-tsc) would flip on every run.
      types: [{ from: 'vue-router', names: ['RouterLink', 'RouterView'] }],
    }),
    vantIconFont(),
  ],
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/media': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    // WeChat's Android web-view (XWeb) and iOS 14+ WKWebView on mid-range phones.
    target: ['es2020', 'chrome87', 'safari14'],
    manifest: true,
    cssCodeSplit: true,
    rolldownOptions: {
      output: {
        // The framework changes only on upgrades: one long-cached chunk. Vant stays split per
        // component so a page loads only the components it renders.
        codeSplitting: {
          groups: [
            { name: 'framework', test: /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:vue|@vue|vue-router|pinia)[\\/]/ },
            // The few Vant parts nearly every page renders (empty and error states, buttons,
            // spinners): one chunk instead of a handful of tiny ones on the first screen.
            { name: 'vant-common', test: /[\\/]vant[\\/]es[\\/](?:empty|button|loading|composables[\\/]use-(?:expose|tab-status|id))[\\/.]/ },
          ],
        },
      },
    },
  },
});
