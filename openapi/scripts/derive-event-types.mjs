// Fills `EventType.enum` in the bundle from the members of `SessionEvent`, so the
// list of known event types is written once in openapi/ (each member's pinned
// `type`) and every consumer (generated types, the dev server's validation) sees
// the same list. Fails loudly on a member without a single pinned type or on a
// type listed twice: either would make the union ambiguous.
import { readFileSync, writeFileSync } from "node:fs";

const bundlePath = new URL("../dist/openapi.json", import.meta.url);
const doc = JSON.parse(readFileSync(bundlePath, "utf8"));
const schemas = doc.components?.schemas ?? {};

/** Follows a local `#/components/schemas/Name` reference. */
function resolve(node) {
  const ref = node?.$ref;
  if (typeof ref !== "string") return node;
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`unexpected $ref ${ref}`);
  const target = schemas[ref.slice(prefix.length)];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return target;
}

/** The single value of the `type` property pinned in a member (directly or in allOf). */
function pinnedType(member) {
  const schema = resolve(member);
  const parts = [schema, ...(schema.allOf ?? []).map(resolve)];
  const pinned = parts.flatMap((part) => part.properties?.type?.enum ?? []);
  if (pinned.length !== 1 || typeof pinned[0] !== "string") {
    throw new Error(`SessionEvent member ${member.$ref ?? "(inline)"} must pin exactly one type`);
  }
  return pinned[0];
}

const members = schemas.SessionEvent?.oneOf;
if (!Array.isArray(members) || members.length === 0) throw new Error("SessionEvent has no oneOf");
const types = members.map(pinnedType);
const seen = new Set();
for (const type of types) {
  if (seen.has(type)) throw new Error(`event type ${type} is listed twice in SessionEvent`);
  seen.add(type);
}
if (!schemas.EventType) throw new Error("EventType schema is missing");
schemas.EventType.enum = types;
writeFileSync(bundlePath, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`EventType: ${types.length} known event types`);
