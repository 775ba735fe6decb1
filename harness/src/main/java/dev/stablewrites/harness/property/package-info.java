/**
 * The property engine on JUnit 5 (docs/model.md §8): checks that run a strategy under several seeded
 * explorers, keep the first counterexample to each property, shrink it on demand, and count what
 * the runs covered.
 */
package dev.stablewrites.harness.property;
