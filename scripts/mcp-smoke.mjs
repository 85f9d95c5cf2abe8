#!/usr/bin/env node
// `node scripts/mcp-smoke.mjs [url]`: one MCP session against a running
// Worker (default http://127.0.0.1:8787/mcp, as served by `npm start`) with
// the SDK's own client: initialize, tools/list, then a quote, a tariff
// resource and the explain_quote prompt. Set PORTFEES_KEY to send a key
// (Authorization: Bearer). Exits non-zero on any failure.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(process.argv[2] ?? 'http://127.0.0.1:8787/mcp');
const headers = process.env.PORTFEES_KEY ? { authorization: `Bearer ${process.env.PORTFEES_KEY}` } : {};

/** CN-operated container ship, 60,000 NT, first US call 2025-10-20: Annex I, 3,000,000.00 USD. */
const firstWorkedCheck = {
  vessel: {
    imo: '9310006',
    type: 'container',
    flag: 'PA',
    buildCountry: 'KR',
    netTonnage: 60000,
    owner: { country: 'GR' },
    operator: { country: 'CN' },
  },
  portCalls: [
    { port: 'CNSHA', arrival: '2025-09-25T08:00:00+08:00' },
    { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' },
  ],
};

const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
const client = new Client({ name: 'portfees-mcp-smoke', version: '1.0.0' });

await client.connect(transport);
const server = client.getServerVersion();
console.log(`initialize: ${server.name} ${server.version}, protocol ${transport.protocolVersion ?? '(default)'}`);
console.log(`  capabilities: ${Object.keys(client.getServerCapabilities() ?? {}).join(', ')}`);
console.log(`  session: ${transport.sessionId ?? 'none (stateless)'}`);

const { tools } = await client.listTools();
console.log(`tools/list: ${tools.length} tools`);
for (const tool of tools) {
  const required = tool.inputSchema.required?.join(', ') || 'none';
  console.log(`  ${tool.name}: ${tool.title} (required: ${required})`);
}

const quote = await client.callTool({ name: 'quote', arguments: firstWorkedCheck });
if (quote.isError) throw new Error(`quote failed: ${quote.content[0].text}`);
console.log(`tools/call quote:\n  ${quote.content[0].text.split('\n').join('\n  ')}`);

const bad = await client.callTool({
  name: 'quote',
  arguments: { ...firstWorkedCheck, vessel: { ...firstWorkedCheck.vessel, imo: '9310007' } },
});
console.log(
  `tools/call quote (bad IMO): isError ${bad.isError}, errors ${JSON.stringify(bad.structuredContent.errors)}`,
);

const { resources } = await client.listResources();
const resource = await client.readResource({ uri: resources[0].uri });
console.log(
  `resources: ${resources.length} tariff versions; read ${resources[0].uri}: ${resource.contents[0].text.length} characters`,
);

const prompt = await client.getPrompt({
  name: 'explain_quote',
  arguments: { quote: JSON.stringify(quote.structuredContent) },
});
console.log(`prompts/get explain_quote: ${prompt.messages.length} message, ${prompt.description}`);

await client.close();
