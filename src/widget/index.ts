/**
 * GET /widget.js: defines `<portfees-quote>`. Load it as a module:
 * `<script type="module" src="https://portfees.example/widget.js"></script>`.
 */
import { PortfeesQuote } from './element';

if (!customElements.get('portfees-quote')) customElements.define('portfees-quote', PortfeesQuote);

export { PortfeesQuote };
