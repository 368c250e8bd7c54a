// Validates an OpenAPI document with swagger-parser (the OpenAPI 3.1 JSON schema, every $ref
// resolved), then lints what swagger-parser leaves alone: each operation has an operationId, a
// summary and a 200 answer with a JSON schema. Prints one line per problem and a last line
// "N operations, M problems"; exits 1 when there is a problem.
// Usage: node lint.mjs douyin.json
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
if (!file) { console.error('usage: node lint.mjs FILE'); process.exit(2); }
const problems = [];
let operations = 0;
try {
  // validate() dereferences the document it returns: lint that copy.
  const api = await SwaggerParser.validate(file);
  const ids = new Set();
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method)) continue;
      operations++;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${where}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} is used twice`);
      else ids.add(op.operationId);
      if (!op.summary) problems.push(`${where}: no summary`);
      const schema = op.responses?.['200']?.content?.['application/json']?.schema;
      if (!schema) problems.push(`${where}: no application/json schema for 200`);
    }
  }
  if (operations === 0) problems.push('the document has no operation');
} catch (e) {
  problems.push(`not a valid OpenAPI document: ${e.message}`);
}
for (const p of problems) console.log(p);
console.log(`${operations} operations, ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
