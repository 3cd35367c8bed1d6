const { ensureToken } = require('./utils/session');

// The shop itself is the H5 storefront; this shell hosts it in a <web-view> and logs in with
// WeChat so the shop can, too. Logging in at launch means the first page usually finds a valid
// token; a failure here is not fatal, the web-view page tries again and opens the shop anyway.
App({
  onLaunch() {
    ensureToken().catch(() => undefined);
  },
});
