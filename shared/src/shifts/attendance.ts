/** Request and response schemas of the shift attendance endpoints. */
export {};
