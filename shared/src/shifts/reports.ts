/** Request and response schemas of the shift reports endpoints. */
export {};
