/** Entry module of the query page: defines <swe-query-page>, which the server's HTML already contains. */
import './query-page.ts';
