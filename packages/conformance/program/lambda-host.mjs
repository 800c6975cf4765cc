/**
 * Invokes a Lambda handler as the Node.js runtime does: `lambda-host.mjs <bundle.mjs> '<event>'`
 * imports the bundle (its module scope is the init phase), awaits `handler(event)` and prints the
 * result as one JSON line.
 */
const { handler } = await import(process.argv[2]);
console.log(JSON.stringify(await handler(JSON.parse(process.argv[3]))));
