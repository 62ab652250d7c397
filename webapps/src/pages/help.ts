/** Entry module of the help page: defines <swe-help-page>, which the server's HTML already contains. */
import './help-page.ts';
