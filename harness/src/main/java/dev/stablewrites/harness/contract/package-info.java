/**
 * The contract a strategy author runs: one abstract JUnit 5 class that checks every property
 * against a strategy, and the expectations that say where it is known to fail.
 */
package dev.stablewrites.harness.contract;
