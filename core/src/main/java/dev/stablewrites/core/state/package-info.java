/**
 * The model's state as one value: a canonical fingerprint of everything a later step can read
 * (pages, flags, page tables, the direct map, bios, wait queues, the device and media, every
 * actor's pending steps with what they captured, the strategy's own fields, the violations so
 * far), for state caching in the exhaustive explorers.
 */
package dev.stablewrites.core.state;
