import { defineConfig } from 'wxt';

// Thin build config: the manifest is least-privilege. Host origins are optional and granted per profile
// at run time; the demo court system on 127.0.0.1 is the only origin the built-in profiles name.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    minimum_chrome_version: '109',
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'downloads'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          // Firefox builds MV2, where optional origins are listed among optional_permissions.
          optional_permissions: ['http://*/*', 'https://*/*'],
          browser_specific_settings: { gecko: { id: 'zhixiao@court.example', strict_min_version: '115.0' } },
        }
      : {}),
  }),
});
