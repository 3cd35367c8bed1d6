/** Request and response schemas of the shift grading endpoints. */
export {};
