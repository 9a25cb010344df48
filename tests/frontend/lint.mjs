// Lints Cypher statements with Neo4j's own front end (@neo4j-cypher/language-support).
// Reads a JSON list of {name, query, params} on stdin; writes a JSON list of
// {name, version, severity, message} for every diagnostic, under Cypher 5 and Cypher 25,
// each statement's parameters declared.
import { lintCypherQuery } from '@neo4j-cypher/language-support';
import fs from 'fs';

const statements = JSON.parse(fs.readFileSync(0, 'utf8'));
const found = [];
for (const { name, query, params } of statements) {
  for (const version of ['CYPHER 5', 'CYPHER 25']) {
    const parameters = Object.fromEntries(params.map((p) => [p, null]));
    const { diagnostics } = lintCypherQuery(query, { parameters, defaultLanguage: version });
    for (const d of diagnostics) {
      found.push({ name, version, severity: d.severity === 1 ? 'error' : 'warning', message: d.message });
    }
  }
}
process.stdout.write(JSON.stringify(found));
