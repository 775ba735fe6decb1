/** The `iomap-dio-bounce` strategy: see {@link dev.stablewrites.strategies.iomapdiobounce.IomapDioBounceStrategy}. */
package dev.stablewrites.strategies.iomapdiobounce;
