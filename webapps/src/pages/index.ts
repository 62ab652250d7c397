/** Entry module of the index page: defines <swe-index-page>, which the server's HTML already contains. */
import './index-page.ts';
