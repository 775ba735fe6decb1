/** The baseline: Linux before stable pages, where the write-after-checksum race is open. */
package dev.stablewrites.strategies.none;
