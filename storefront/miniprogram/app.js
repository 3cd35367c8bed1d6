// The shop itself is the H5 storefront; this shell only hosts it in a <web-view>.
App({});
