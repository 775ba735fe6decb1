/**
 * Block-layer integrity metadata, modelled on Linux {@code block/t10-pi.c}: the checksums
 * (CRC-16/T10-DIF, CRC-64/NVME, CRC-32C) and the per-interval tuples built from them
 * ({@link dev.stablewrites.core.integrity.Integrity}), plus who verifies them
 * ({@link dev.stablewrites.core.integrity.VerifiedBy}). A tuple is generated from the data at
 * submission time; if the page changes before the device or a later read checks it, verification
 * fails, which is exactly the race that stable pages exist to prevent.
 */
package dev.stablewrites.core.integrity;
