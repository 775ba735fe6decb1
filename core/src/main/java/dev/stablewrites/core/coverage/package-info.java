/** What a run exercised: the windows in a bio's life where stores to its page landed. */
package dev.stablewrites.core.coverage;
