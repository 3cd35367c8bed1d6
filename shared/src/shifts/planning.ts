/** Request and response schemas of the shift planning endpoints. */
export {};
