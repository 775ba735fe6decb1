/**
 * What the lab costs and how fast it finds the race: schedules per second per strategy, and
 * schedules to the first failure per explorer over many seeds. Measurements, never verdicts:
 * {@link dev.stablewrites.harness.bench.Throughput} reads the wall clock, and nothing here decides
 * whether a property holds.
 */
package dev.stablewrites.harness.bench;
