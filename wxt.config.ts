import { defineConfig } from 'wxt';

// Thin build config: the manifest is least-privilege. Host origins are optional and granted per profile
// at run time; the demo court system on 127.0.0.1 is the only origin the built-in profiles name.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Court desktops: Chromium 109 (last on Windows 7) and Firefox ESR. Syntax is lowered to what they run;
  // tests/unit/compat.test.ts and tests/e2e/compat.spec.ts keep newer APIs out.
  vite: () => ({ build: { target: ['chrome109', 'firefox115'], ...(process.env.ZX_NO_MINIFY ? { minify: false } : {}) } }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    minimum_chrome_version: '109',
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'downloads'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: '__MSG_extName__' },
    // No remote code, no eval, no inline script in extension pages.
    content_security_policy: browser === 'firefox'
      ? "script-src 'self'; object-src 'self'"
      : { extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'" },
    ...(browser === 'firefox'
      ? {
          // Firefox builds MV2, where optional origins are listed among optional_permissions.
          optional_permissions: ['http://*/*', 'https://*/*'],
          browser_specific_settings: { gecko: { id: 'zhixiao@court.example', strict_min_version: '115.0' } },
        }
      : {}),
  }),
});
