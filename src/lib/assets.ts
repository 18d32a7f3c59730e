/**
 * Static files served at versioned paths (cacheable forever). The versions must match the installed
 * packages: a test compares them with node_modules, so an upgrade cannot serve a stale path.
 */
export const ASSET_VERSIONS = { htmx: '4.0.1', pico: '2.1.1', app: '2' } as const;

export const ASSETS = {
  htmx: `/static/htmx-${ASSET_VERSIONS.htmx}/htmx.min.js`,
  pico: `/static/pico-${ASSET_VERSIONS.pico}/pico.min.css`,
  appCss: `/static/app-${ASSET_VERSIONS.app}/app.css`,
  appJs: `/static/app-${ASSET_VERSIONS.app}/app.js`,
  favicon: `/static/app-${ASSET_VERSIONS.app}/favicon.svg`,
} as const;

/** URL path → file inside the project (relative to the project root), for the Node static server and the Workers build. */
export const ASSET_FILES: Record<string, string> = {
  [ASSETS.htmx]: 'node_modules/htmx.org/dist/htmx.min.js',
  [ASSETS.pico]: 'node_modules/@picocss/pico/css/pico.min.css',
  [ASSETS.appCss]: 'public/app.css',
  [ASSETS.appJs]: 'public/app.js',
  [ASSETS.favicon]: 'public/favicon.svg',
};
