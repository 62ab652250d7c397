/** Entry module of the related page: defines <swe-related-page>, which the server's HTML already contains. */
import './related-page.ts';
