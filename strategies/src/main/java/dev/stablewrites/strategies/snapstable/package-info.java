/** The `snap-stable` strategy: see {@link dev.stablewrites.strategies.snapstable.SnapStableStrategy}. */
package dev.stablewrites.strategies.snapstable;
