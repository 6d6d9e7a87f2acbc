import type { Adapter } from "./types.js";
export const eventsAdapter: Adapter = {
  layout: "events",
  async detect() {
    return false;
  },
  async ingest() {},
};
