// Vite build of the staff console. Served by the API server under /console/; during development
// `vite` proxies /api to the server (PORT, default 3000).
import { defineConfig } from 'vite';

const apiTarget = process.env.ZT_API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  base: '/console/',
  root: import.meta.dirname,
  // Vite 8 transforms TSX with Oxc; use React's automatic JSX runtime (no plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      onwarn(warning, warn) {
        // antd marks its modules "use client" (for React Server Components); meaningless in a SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // entriesAware chunks are named after every page sharing them; keep file names short.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('antd-pages') ? 'assets/antd-pages-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 30,
            },
            {
              // The part of antd (and @ant-design/*, @rc-component/*, dayjs …) the shell needs at start.
              name: 'antd',
              test: /node_modules[\\/]/,
              tags: ['$initial'],
              priority: 20,
            },
            {
              // Components only lazily loaded pages use (Table, Tree, DatePicker …), grouped by the
              // set of pages that share them so each page loads only what it needs.
              name: 'antd-pages',
              test: /node_modules[\\/]/,
              priority: 10,
              entriesAware: true,
              entriesAwareMergeThreshold: 24 * 1024,
            },
          ],
        },
      },
    },
  },
});
