/**
 * The face groups the benchmark declares: one deterministic declaration per index, shared by the app (what is
 * synthesized) and the harness (what the emulator must hold afterwards, field by field).
 */
"use strict";

/**
 * The props of group `i` (0-based): a realistic mix of model versions, description fields, tags and CJK names.
 * @param {number} i the group's index
 * @returns {{groupId: string, groupName: string, groupExDescriptions: string[], tag: string, faceModelVersion: string}}
 */
function groupProps(i) {
  return {
    groupId: `bench-group-${String(i).padStart(5, "0")}`,
    groupName: i % 5 === 0 ? `深圳员工组 ${i}` : `Bench group ${i}`,
    groupExDescriptions: i % 3 === 0 ? [] : ["Business Group", "Department name"],
    tag: i % 2 === 0 ? "" : `batch ${i % 10}`,
    faceModelVersion: i % 4 === 0 ? "2.0" : "3.0",
  };
}

/** The construct id of group `i` (it also names its Terraform resources). */
function groupConstructId(i) {
  return `Group${i}`;
}

module.exports = { groupProps, groupConstructId };
