import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Fails the build when the final index.html would break the server's CSP: an inline <script>,
 * an inline <style>, a style="" attribute, an inline event handler or a javascript: URL.
 */
function cspSafeIndexHtml(): Plugin {
  return {
    name: 'escape:csp-safe-index-html',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const problems: string[] = [];
        for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
          if (!/\ssrc=/i.test(match[1] ?? '') || (match[2] ?? '').trim() !== '') problems.push('inline <script>');
        }
        if (/<style\b/i.test(html)) problems.push('inline <style>');
        if (/\sstyle\s*=/i.test(html)) problems.push('style attribute');
        if (/\son[a-z]+\s*=/i.test(html)) problems.push('inline event handler');
        if (/javascript:/i.test(html)) problems.push('javascript: URL');
        if (problems.length > 0) {
          throw new Error(`index.html would violate the Content-Security-Policy: ${problems.join(', ')}`);
        }
        return html;
      },
    },
  };
}

// The page is served under a strict Content-Security-Policy (script-src 'self'; style-src 'self';
// default-src 'self'), so the build must emit only external scripts and stylesheets: no inline
// code, no data: URLs for assets, no eval.
export default defineConfig({
  base: '/',
  plugins: [cspSafeIndexHtml()],
  // JSX through esbuild's own automatic runtime (no React plugin needed).
  esbuild: {
    jsx: 'automatic',
  },
  build: {
    // Relative to this folder: web-module/target/frontend-dist, packaged into the WAR by Maven.
    outDir: '../../../target/frontend-dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router ships "use client" markers for server components; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev` talks to a locally running server for the API and the live socket.
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
