/** Re-checksum and resubmit: a bio that failed its protection check is regenerated and sent again, up to a limit. */
package dev.stablewrites.strategies.recheckresubmit;
