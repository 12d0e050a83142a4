import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist';

/** Writes `.br` and `.gz` next to each script, style sheet and WebAssembly module: sent as they are. */
function precompress(): Plugin {
  return {
    name: 'onhand-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(import.meta.dirname, OUT_DIR, 'assets');
      for (const name of readdirSync(assets).filter((n) => /\.(js|css|wasm)$/.test(n))) {
        const file = join(assets, name);
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

// The server serves the built app on the API's port; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    // Every script is a file from this origin: the Content-Security-Policy allows no inline script.
    modulePreload: { polyfill: false },
    // The component library is one chunk of about 1.4 MB (about 400 kB compressed), cached across releases.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
