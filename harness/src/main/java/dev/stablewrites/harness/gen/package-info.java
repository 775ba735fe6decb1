/** Seeded, bounded, shrinkable generators: what the property engine draws scenarios from. */
package dev.stablewrites.harness.gen;
