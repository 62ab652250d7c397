/** Entry module of the latest page: defines <swe-latest-page>, which the server's HTML already contains. */
import './latest-page.ts';
